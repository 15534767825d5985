/**
 * Group commit for concurrent requests: while `maxInFlight` calls of `run` are on their way to the
 * database, the inputs that arrive wait and then go together in one call (one round trip, one
 * statement). Each caller still gets its own answer only once its input's call has finished, so
 * nothing is acknowledged before it is written; at low load nothing waits. When a grouped call
 * fails, each input is retried on its own, so one caller's bad input never fails the others'.
 * `run` must answer one output per input, in order.
 */
export class GroupCommit<In, Out> {
  private readonly waiting: { input: In; resolve(output: Out): void; reject(error: unknown): void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly options: { maxInFlight: number; maxGroup: number } = { maxInFlight: 2, maxGroup: 500 },
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length) {
      const group = this.waiting.splice(0, this.options.maxGroup);
      this.inFlight++;
      void this.runGroup(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runGroup(group: GroupCommit<In, Out>["waiting"]) {
    try {
      const outputs = await this.run(group.map((w) => w.input));
      group.forEach((w, i) => w.resolve(outputs[i]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      await Promise.all(group.map((w) => this.run([w.input]).then(([output]) => w.resolve(output!), w.reject)));
    }
  }
}

