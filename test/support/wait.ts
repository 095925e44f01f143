/** Poll `check` every 10 ms until it holds; throws after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 5_000,
  what = "a condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
