// Loaded with `node --import` into a scale-audit process: busy-waits its main thread BURN_MS of every EVERY_MS,
// so the load generator on that thread lags by design (send lag p99 near BURN_MS) whatever the machine's load.
const BURN_MS = Number(process.env.SCALE_AUDIT_TEST_BURN_MS ?? 40);
const EVERY_MS = Number(process.env.SCALE_AUDIT_TEST_BURN_EVERY_MS ?? 200);

setInterval(() => {
  const end = performance.now() + BURN_MS;
  while (performance.now() < end) {
    /* burn */
  }
}, EVERY_MS).unref();
