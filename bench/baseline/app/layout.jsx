/**
 * The bench's baseline (see bench/baseline/app/page.jsx): the smallest root layout Next.js
 * accepts, so the baseline ships only what every Next.js page ships.
 */
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
