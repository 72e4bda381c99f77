-- wrk script for ./load-test: counts answers by status code across threads, and optionally asks
-- for a new favicon on every request (uncached renders). Prints one RESULT line at the end:
-- requests/s, p50 ms, p99 ms, then status:count pairs and socket errors.
local threads = {}
local unique = os.getenv("WRK_UNIQUE_SEED") == "1"

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  codes = {}
  counter = 0
end

function request()
  if unique then
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "&seed=" .. (id * 100000000 + counter + math.random(0, 99999) * 1000))
  end
  return wrk.format()
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("codes")) do
      total[code] = (total[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(total) do
    table.insert(parts, code .. ":" .. n)
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %s sock:%d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ","),
    e.connect + e.read + e.write + e.timeout))
end
