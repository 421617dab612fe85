'use server';
/** Answers at once: what is left of a click-to-screen round trip is Next's and the browser's. */
export async function write(count) {
  return { saved: count };
}
