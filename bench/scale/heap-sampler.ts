/** In-process V8 sampling heap profiler (inspector), so the profile is taken while objects are live. */
import { Session } from "node:inspector";
import { writeFileSync } from "node:fs";

export interface HeapSampler {
  /** Stops sampling after a full GC and writes the .heapprofile; `keepAlive` is held until then. */
  stop(keepAlive: unknown): Promise<void>;
}

function post<T>(s: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) =>
    s.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}

export async function startHeapSampling(file: string, intervalBytes = 16384): Promise<HeapSampler> {
  const s = new Session();
  s.connect();
  await post(s, "HeapProfiler.enable");
  await post(s, "HeapProfiler.startSampling", { samplingInterval: intervalBytes });
  return {
    async stop(keepAlive: unknown): Promise<void> {
      await post(s, "HeapProfiler.collectGarbage");
      const { profile } = await post<{ profile: unknown }>(s, "HeapProfiler.stopSampling");
      writeFileSync(file, JSON.stringify(profile));
      s.disconnect();
      if (keepAlive === Symbol.for("never")) console.log(keepAlive);
    },
  };
}
