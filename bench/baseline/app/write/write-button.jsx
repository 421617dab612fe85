'use client';
/**
 * A click calls the action; the control is busy until it answers, and the
 * answer is then announced — the shape of a save on the apps page, with
 * nothing else in it.
 */
import { useState } from 'react';
import { write } from './actions';

export function WriteButton() {
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(0);

  async function onClick() {
    setPending(true);
    const result = await write(saved + 1);
    setSaved(result.saved);
    setPending(false);
  }

  return (
    <>
      <button type="button" aria-busy={pending} disabled={pending} onClick={onClick}>
        Save
      </button>
      <div role="status">{saved > 0 ? `Saved ${saved}` : ''}</div>
    </>
  );
}
