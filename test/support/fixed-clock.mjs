// Preloaded (`node --import`) into a server a test spawns, so that its clock starts at a moment
// the test chose rather than at the wall clock: a server started at the real time would queue
// whatever reminders happen to be due then (five-ones nudges on a working day, a Monday digest),
// and a test that passes at one hour would fail at another. The clock still advances in real
// time from that start, so timers, leases and back-offs behave as they do in production.
// GUIXIANG_TEST_CLOCK is an ISO instant; without it this module changes nothing.
const start = process.env.GUIXIANG_TEST_CLOCK;
if (start) {
  const fixed = Date.parse(start);
  if (Number.isNaN(fixed)) throw new Error(`GUIXIANG_TEST_CLOCK is not an ISO time: ${start}`);
  const RealDate = Date;
  const realStart = RealDate.now();
  const now = () => fixed + (RealDate.now() - realStart);
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  globalThis.Date = FixedDate;
}
