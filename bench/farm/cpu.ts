/**
 * CPU accounting for the farm benchmarks: on a machine with few cores the CPU all processes
 * spend per job (workers, coordinator, redis-server) bounds the throughput, and unlike jobs/s it
 * barely moves with what else the machine runs.
 */
import fs from 'node:fs';
import type { Redis } from 'ioredis';

const TICK_MS = 10; // Linux USER_HZ 100: /proc/<pid>/stat counts CPU in 10 ms ticks

/** CPU ms a process has used (user + system), from /proc; 0 where there is no /proc. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** This process's CPU ms so far. */
export function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** redis-server's CPU ms and calls per command so far, from INFO. */
export async function redisStats(redis: Redis): Promise<{ cpuMs: number; calls: Map<string, number> }> {
  const cpu = await redis.info('cpu');
  const num = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(cpu)![1]);
  const calls = new Map<string, number>();
  for (const m of (await redis.info('commandstats')).matchAll(/cmdstat_([^:]+):calls=(\d+)/g))
    calls.set(m[1]!, Number(m[2]));
  return { cpuMs: (num('used_cpu_user') + num('used_cpu_sys')) * 1000, calls };
}

/** Starts counting the CPU of `pids`, this process and redis-server; `stop` gives the total ms since. */
export async function cpuMeter(redis: Redis, pids: number[]): Promise<{ stop: () => Promise<number> }> {
  const redisBefore = (await redisStats(redis)).cpuMs;
  const selfBefore = selfCpuMs();
  const before = pids.map(cpuMsOf);
  return {
    stop: async () => {
      const workers = pids.reduce((sum, pid, i) => sum + cpuMsOf(pid) - before[i]!, 0);
      return workers + selfCpuMs() - selfBefore + (await redisStats(redis)).cpuMs - redisBefore;
    },
  };
}
