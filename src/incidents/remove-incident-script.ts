/**
 * Removes one finished incident and its index entries in one step (Redis runs a script alone, so
 * no reader ever sees half an incident), unless it changed since it was archived. Every key is
 * declared (a Redis Cluster needs them in one hash slot: the prefix's).
 *
 * KEYS: 1 incident hash, 2 occurrences, 3 timeline, 4 reports, 5 incident index (sorted set),
 *       6 follow-ups (set), 7 report index (hash), 8…(7 + runs) the run hashes, then the sets of
 *       the check runs that reported it.
 * ARGV: 1 incident id, 2 revision, 3 run, 4 timeline length, 5 last timeline line ('' if none),
 *       6 report fields, 7 runs (how many run keys follow key 7), 8 the report index's field of its
 *       issue ('' if none), 9… the finished statuses.
 * Returns `removed`, `absent`, `not-finished` or `changed`.
 */
export const REMOVE_INCIDENT_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'absent' end
local status = redis.call('HGET', KEYS[1], 'status')
local finished = false
for i = 9, #ARGV do
  if status == ARGV[i] then finished = true end
end
if not finished then return 'not-finished' end
if redis.call('HGET', KEYS[1], 'revision') ~= ARGV[2] then return 'changed' end
if (redis.call('HGET', KEYS[1], 'run') or '0') ~= ARGV[3] then return 'changed' end
if redis.call('LLEN', KEYS[3]) ~= tonumber(ARGV[4]) then return 'changed' end
if (redis.call('LINDEX', KEYS[3], -1) or '') ~= ARGV[5] then return 'changed' end
if redis.call('HLEN', KEYS[4]) ~= tonumber(ARGV[6]) then return 'changed' end
local runs = tonumber(ARGV[7])
for i = 8 + runs, #KEYS do
  redis.call('SREM', KEYS[i], ARGV[1])
end
if ARGV[8] ~= '' and redis.call('HGET', KEYS[7], ARGV[8]) == ARGV[1] then
  redis.call('HDEL', KEYS[7], ARGV[8])
end
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('SREM', KEYS[6], ARGV[1])
for i = 8, 7 + runs do
  redis.call('DEL', KEYS[i])
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return 'removed'
`;
