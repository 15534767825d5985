import { describe, expect, it } from "vitest";
import { describeEventBacklog } from "./event-backlog";

const now = new Date("2024-05-01T09:00:00.000Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe("the event backlog", () => {
  it("is ok when no event waits", () => {
    expect(describeEventBacklog(null, now, 300)).toEqual({
      backlog: { oldestUnprocessedAt: null, ageSeconds: 0, limitSeconds: 300 },
      status: "ok",
      detail: "no audience event waiting to be processed",
    });
  });

  it("is ok up to the limit and degraded past it, saying how far behind", () => {
    expect(describeEventBacklog(secondsAgo(300), now, 300).status).toBe("ok");
    const behind = describeEventBacklog(secondsAgo(301.25), now, 300);
    expect(behind.status).toBe("degraded");
    expect(behind.detail).toBe("event processing is behind: the oldest unprocessed audience event is 301.3 s old, over the 300 s limit");
    expect(behind.backlog).toEqual({ oldestUnprocessedAt: "2024-05-01T08:54:58.750Z", ageSeconds: 301.3, limitSeconds: 300 });
  });

  it("never reports a negative age when the database's clock is a little ahead", () => {
    expect(describeEventBacklog(secondsAgo(-2), now, 300).backlog.ageSeconds).toBe(0);
  });
});
