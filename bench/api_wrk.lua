-- wrk script for the API benchmark (scripts/bench.sh api): a signed-in clerk's requests.
-- BAOXUE_COOKIE: the session cookie; BAOXUE_PATHS: the paths to cycle through, space-separated.
local cookie = os.getenv("BAOXUE_COOKIE")
local paths = {}
for p in string.gmatch(os.getenv("BAOXUE_PATHS") or "/api/children", "%S+") do
  paths[#paths + 1] = p
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = cookie })
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
