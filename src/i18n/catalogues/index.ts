// The languages the bot ships, in the order the docs list them.
import type { Catalogue } from '../catalogue.js';
import { german } from './de.js';
import { english } from './en.js';
import { spanish } from './es.js';
import { french } from './fr.js';
import { korean } from './ko.js';
import { dutch } from './nl.js';
import { portuguese } from './pt.js';
import { traditionalChinese } from './zh-hant.js';

export const ENGLISH: Catalogue = {
  tag: 'en',
  name: 'English',
  nativeName: 'English',
  reviewed: 'source',
  glossary: {
    pray: 'pray',
    'prayer request': 'prayer request (short: request)',
    'prayer coordinators': 'prayer coordinators (staff in /pray help: "Staff")',
    address: 'plain, direct "you"',
  },
  messages: english,
};

export const CATALOGUES: readonly Catalogue[] = [ENGLISH, spanish, portuguese, french, german, dutch, korean, traditionalChinese];
