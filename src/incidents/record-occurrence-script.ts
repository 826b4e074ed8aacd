/**
 * Adds one occurrence to an incident, creating the incident if it is the first, in one step:
 * Redis runs a script alone, so concurrent scans finding the same key make one incident and
 * lose no occurrence.
 *
 * KEYS: 1 incident hash, 2 occurrences hash (occurrence id → JSON), 3 incident index (sorted set).
 * ARGV: 1 incident id, 2 fingerprint, 3 rule id, 4 masked, 5 now (ISO), 6 now (ms),
 *       7 occurrence id, 8 occurrence JSON, 9 exposedAt (ISO, UTC), 10 repo public (`1`/`0`),
 *       11 when the webhook was received (ISO, UTC, or empty when unknown).
 * Returns `{ created, added }` as 0/1, or an error reply `fingerprint-clash` when the id already
 * belongs to another fingerprint.
 */
export const RECORD_OCCURRENCE_LUA = `
local created = 0
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1],
    'id', ARGV[1], 'fingerprint', ARGV[2], 'ruleId', ARGV[3], 'masked', ARGV[4],
    'status', 'open', 'createdAt', ARGV[5], 'updatedAt', ARGV[5], 'firstExposedAt', ARGV[9],
    'occurrenceCount', 0, 'anyPublic', '0', 'revision', 0, 'run', 0)
  redis.call('ZADD', KEYS[3], 'NX', ARGV[6], ARGV[1])
  created = 1
elseif redis.call('HGET', KEYS[1], 'fingerprint') ~= ARGV[2] then
  return redis.error_reply('fingerprint-clash')
end
local added = redis.call('HSETNX', KEYS[2], ARGV[7], ARGV[8])
if added == 1 then
  redis.call('HINCRBY', KEYS[1], 'occurrenceCount', 1)
  redis.call('HINCRBY', KEYS[1], 'revision', 1)
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[5])
  -- ISO 8601 UTC timestamps of one format sort as text.
  if ARGV[9] < redis.call('HGET', KEYS[1], 'firstExposedAt') then
    redis.call('HSET', KEYS[1], 'firstExposedAt', ARGV[9])
  end
  local received = redis.call('HGET', KEYS[1], 'firstReceivedAt')
  if ARGV[11] ~= '' and (not received or ARGV[11] < received) then
    redis.call('HSET', KEYS[1], 'firstReceivedAt', ARGV[11])
  end
  if ARGV[10] == '1' then
    redis.call('HSET', KEYS[1], 'anyPublic', '1')
  end
end
return { created, added }
`;
