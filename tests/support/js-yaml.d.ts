/** The one js-yaml call the tests use (the package ships no types). */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
