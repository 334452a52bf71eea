-- wrk script of the request-cost run (bench/request-cost.sh): one request kind per run, sent to Invoke
-- or to the hand-written floor alike. BENCH_LOAD_DATA names the Lua table written by
-- `Invoke.Benchmarks load-prep`; BENCH_LOAD_MODE is the kind: yours ("Your Workflows" first page),
-- shared ("Shared Workflows" first page), get (one of the caller's workflows), counts
-- (counts_by_category as the library modal sends it), tags (tags?categories=user), counts_by_tag
-- (one tag, categories=user) or version (GET /api/v1/app/version, no token).
-- BENCH_LOAD_OUT receives the summary as JSON.
local data = dofile(os.getenv("BENCH_LOAD_DATA"))
local mode = os.getenv("BENCH_LOAD_MODE") or "yours"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

local function pick(list) return list[math.random(#list)] end

local W = "/api/v1/workflows/"
local paths = {
  yours = function(u) return W .. "?categories=user&order_by=opened_at&direction=DESC&page=0&per_page=30" end,
  shared = function(u) return W .. "?categories=user&is_public=true&order_by=name&direction=ASC&page=0&per_page=30" end,
  get = function(u) return W .. "i/" .. pick(u.own) end,
  counts = function(u) return W .. "counts_by_category?categories=user&categories=default&has_been_opened=true" end,
  tags = function(u) return W .. "tags?categories=user" end,
  counts_by_tag = function(u) return W .. "counts_by_tag?categories=user&tags=" .. pick(data.tags) end,
}

function request()
  if mode == "version" then
    return wrk.format("GET", "/api/v1/app/version")
  end
  local user = pick(data.users)
  return wrk.format("GET", paths[mode](user), { ["Authorization"] = "Bearer " .. user.token })
end

function done(summary, latency, requests)
  local e = summary.errors
  local out = assert(io.open(os.getenv("BENCH_LOAD_OUT"), "w"))
  out:write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
  out:close()
end
