export function proxy() {}
export const config = { matcher: '/__never' };
