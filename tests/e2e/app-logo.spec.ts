import { expect, test } from '../support/fixtures';

test('an app’s logo shows when it loads, and its first letter stands in when it does not', async ({
  page,
  world,
  signIn,
  allowConsoleErrors,
}) => {
  const user = world.createPerson();
  const missingLogo = `/logos/missing-${world.tag}.svg`;
  const withLogo = world.createApp({
    name: `Photoshare ${world.tag}`,
    logoUri: '/logos/photoshare.svg',
  });
  const brokenLogo = world.createApp({
    name: `Ledger ${world.tag}`,
    logoUri: missingLogo,
  });
  world.grant(user, withLogo, ['openid'], 20);
  world.grant(user, brokenLogo, ['openid'], 10);
  // The browser logs the missing logo's 404 in the console; here that is the point, not an error.
  allowConsoleErrors(/status of 404/);
  await signIn(user);

  const logo = page
    .getByRole('article', { name: withLogo.name })
    .getByRole('img', { name: `${withLogo.name} logo` });
  await expect(logo).toHaveAttribute('src', '/logos/photoshare.svg');
  // The image itself arrived, not just an <img> element.
  await expect
    .poll(() =>
      logo.evaluate((element) =>
        element instanceof HTMLImageElement && element.complete ? element.naturalWidth : 0,
      ),
    )
    .toBeGreaterThan(0);

  const fallback = page
    .getByRole('article', { name: brokenLogo.name })
    .getByRole('img', { name: `${brokenLogo.name} logo` });
  await expect(fallback).toHaveText('L');
  await expect(fallback).not.toHaveAttribute('src');

  // Loaded directly, the list is server-rendered: on a slow connection the missing logo fails
  // before the scripts arrive, and the monogram must take its place all the same.
  const logoFailed = page.waitForResponse((response) => response.url().endsWith(missingLogo));
  await page.route(/\/_next\/static\/.*\.js$/, async (route) => {
    await logoFailed;
    await route.fallback();
  });
  await page.reload();
  await expect(fallback).toHaveText('L');
  await expect(logo).toHaveAttribute('src', '/logos/photoshare.svg');
});
