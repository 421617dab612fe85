/**
 * Next.js looks for its configuration upwards from the project directory:
 * without this file the baseline would load the app's next.config.js (its
 * plugins and headers) and stop being a bare page.
 *
 * @type {import('next').NextConfig}
 */
module.exports = {};
