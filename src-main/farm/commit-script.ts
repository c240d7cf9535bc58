/**
 * The one Lua script through which job state reaches Redis: a compare-and-set on the job's last
 * seq, then its events into the job's stream (ids carry the seq) and the global stream (ids carry
 * the farm-wide seq), then the record. Atomic, so a reader never sees events without their record.
 *
 * KEYS: job hash, job stream, global stream, global seq, jobs zset
 * ARGV: expectedLastSeq ('new' for a job that must not exist yet), newLastSeq, commitId,
 *       recordJson, status, createdAtMs, jobId, globalMaxLen, then one event JSON per event.
 * Returns the last global seq written, or an error `CONFLICT <lastSeq>`.
 * A commit whose id is already stored (a resend after a lost reply) succeeds without writing twice.
 */
export const COMMIT_SCRIPT = `
local held = redis.call('HMGET', KEYS[1], 'lastSeq', 'commit')
local cur = held[1]
if cur and held[2] == ARGV[3] then
  return tonumber(redis.call('GET', KEYS[4]) or '0')
end
if ARGV[1] == 'new' then
  if cur then return redis.error_reply('CONFLICT ' .. cur) end
elseif cur ~= ARGV[1] then
  return redis.error_reply('CONFLICT ' .. (cur or 'nil'))
end
local seq = (ARGV[1] == 'new') and 0 or tonumber(ARGV[1])
local n = #ARGV - 8
-- One INCRBY for the commit's global seqs (not an INCR per event); the stream is trimmed once, at its last entry.
local last = redis.call('INCRBY', KEYS[4], math.max(n, 1))
local g = last - math.max(n, 1)
for i = 1, n do
  seq = seq + 1
  g = g + 1
  local event = ARGV[8 + i]
  redis.call('XADD', KEYS[2], seq .. '-0', 'e', event)
  if i == n then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], g .. '-0', 'e', event, 'r', ARGV[4])
  else
    redis.call('XADD', KEYS[3], g .. '-0', 'e', event)
  end
end
if n == 0 then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], last .. '-0', 'r', ARGV[4])
end
redis.call('HSET', KEYS[1], 'record', ARGV[4], 'status', ARGV[5], 'lastSeq', ARGV[2], 'commit', ARGV[3])
-- Only a new job joins the id set: a later commit needs the job to exist already (see the CAS above).
if ARGV[1] == 'new' then redis.call('ZADD', KEYS[5], ARGV[6], ARGV[7]) end
return last
`;

/** Removes a job and announces it on the global stream. KEYS: job hash, job stream, global stream, global seq, jobs zset. ARGV: jobId, globalMaxLen. */
export const DELETE_SCRIPT = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[5], ARGV[1])
local g = redis.call('INCR', KEYS[4])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], g .. '-0', 'd', ARGV[1])
return g
`;

/** Puts an event that is in no job's log (queue-status) on the global stream. KEYS: global stream, global seq. ARGV: event JSON, globalMaxLen. */
export const ANNOUNCE_SCRIPT = `
local g = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], g .. '-0', 'e', ARGV[1])
return g
`;

/** Releases a lock only if this holder still owns it. KEYS: lock. ARGV: token. */
export const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Runs before COMMIT_SCRIPT in every commit (same KEYS and ARGV): a new job's first record is also
 * kept as `origin` (spec, steps, createdAt), what a damaged record is rebuilt from, with the job's
 * stream (farm-rebuild.ts). Only when the job's hash does not exist yet: exactly when a 'new' commit writes.
 */
export const KEEP_ORIGIN_SCRIPT = `
if ARGV[1] == 'new' and redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'origin', ARGV[4]) end
`;
