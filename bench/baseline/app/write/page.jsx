/**
 * The floor under a write (`npm run bench`, writes section): the smallest
 * round trip a click can make through a Next.js server action and back onto
 * the screen with this stack — a button, an action that answers at once, and
 * the answer rendered. Rendered per request, like the app's pages.
 */
import { connection } from 'next/server';
import { WriteButton } from './write-button';

export default async function BaselineWritePage() {
  await connection();
  return (
    <main>
      <h1>Baseline write</h1>
      <WriteButton />
    </main>
  );
}
