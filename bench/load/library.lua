-- wrk script for the HTTP load run (bench/run.sh). BENCH_LOAD_DATA names the Lua table written by
-- `Invoke.Benchmarks load-prep` (tokens of logged-in users, some of their workflow ids, shared ids);
-- BENCH_LOAD_MODE is "mix" (what the library screens send, weights below), "list" (only the
-- "Your Workflows" first page) or "trivial" (GET /api/v1/app/version, the ceiling);
-- BENCH_LOAD_OUT receives the summary as JSON.
local data = dofile(os.getenv("BENCH_LOAD_DATA"))
local mode = os.getenv("BENCH_LOAD_MODE") or "mix"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

local function pick(list) return list[math.random(#list)] end

local function send(method, path, token, body)
  local headers = { ["Authorization"] = "Bearer " .. token }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end

local W = "/api/v1/workflows/"
local yours = W .. "?categories=user&order_by=opened_at&direction=DESC&page=0&per_page=30"
local shared = W .. "?categories=user&is_public=true&order_by=name&direction=ASC&page=0&per_page=30"

-- Cumulative weights (percent) of the realistic mix.
local mix = {
  { 30, function(u) return send("GET", yours, u.token) end },
  { 40, function(u) return send("GET", shared, u.token) end },
  { 55, function(u) return send("GET", W .. "i/" .. pick(u.own), u.token) end },
  { 60, function(u) return send("GET", W .. "i/" .. pick(data.shared), u.token) end },
  { 68, function(u) return send("GET", W .. "counts_by_category?categories=user&categories=default&has_been_opened=true", u.token) end },
  { 75, function(u) return send("GET", W .. "counts_by_category?categories=user", u.token) end },
  { 80, function(u) return send("GET", W .. "tags?categories=user", u.token) end },
  { 87, function(u) return send("GET", W .. "counts_by_tag?categories=user&tags=" .. pick(data.tags), u.token) end },
  { 92, function(u) return send("GET", yours .. "&query=" .. data.search, u.token) end },
  { 94, function(u) return send("GET", shared .. "&query=" .. data.search, u.token) end },
  { 98, function(u) return send("PUT", W .. "i/" .. pick(u.own) .. "/opened_at", u.token, "") end },
  { 100, function(u)
      local id = pick(u.own)
      local body = '{"workflow":' .. data.document:sub(1, -2) .. ',"id":"' .. id .. '"}}'
      return send("PATCH", W .. "i/" .. id, u.token, body)
    end },
}

function request()
  if mode == "trivial" then
    return wrk.format("GET", "/api/v1/app/version")
  end
  local user = pick(data.users)
  if mode == "list" then
    return send("GET", yours, user.token)
  end
  local roll = math.random(100)
  for _, entry in ipairs(mix) do
    if roll <= entry[1] then return entry[2](user) end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local out = assert(io.open(os.getenv("BENCH_LOAD_OUT"), "w"))
  out:write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
  out:close()
end
