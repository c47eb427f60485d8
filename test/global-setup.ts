// Builds dist/ once so tests that spawn the real `prayerbot` CLI run the current sources.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
