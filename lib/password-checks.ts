/**
 * A global cap on concurrent password checks in this process. Each check is a
 * deliberately slow hash (unknown logins pay for one too, lib/embedded/users.ts),
 * and the per-login limit does not stop a flood of different made-up logins:
 * without a cap, such a flood would keep every core hashing and starve the
 * pages. At most `concurrent` checks run at once and `waiting` more queue; a
 * check beyond that is refused at once, and the form says to try again shortly.
 */
export class PasswordChecksBusy extends Error {
  override name = 'PasswordChecksBusy';
}

export type PasswordCheckGate = {
  run<T>(check: () => Promise<T>): Promise<T>;
};

export function createPasswordCheckGate(concurrent: number, waiting: number): PasswordCheckGate {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(check) {
      if (running < concurrent) running++;
      else if (queue.length < waiting) await new Promise<void>((resolve) => queue.push(resolve));
      else throw new PasswordChecksBusy();
      try {
        return await check();
      } finally {
        release();
      }
    },
  };
}

/** Two checks at a time: one per core on the smallest machines this runs on, and a queue of 16. */
export const PASSWORD_CHECKS_CONCURRENT = 2;
export const PASSWORD_CHECKS_WAITING = 16;

const holder = globalThis as typeof globalThis & { __passwordChecks?: PasswordCheckGate };

export function passwordChecks(): PasswordCheckGate {
  holder.__passwordChecks ??= createPasswordCheckGate(
    PASSWORD_CHECKS_CONCURRENT,
    PASSWORD_CHECKS_WAITING,
  );
  return holder.__passwordChecks;
}
