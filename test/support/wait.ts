// The one way tests wait for effects that arrive over the network: poll a condition, fail with a
// message after a generous deadline (never a timing assertion).
export async function eventually<T>(
  check: () => T | Promise<T>,
  what = "condition",
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
