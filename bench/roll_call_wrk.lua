-- wrk script for the roll-call benchmark (scripts/bench.sh attendance): head teachers submitting
-- their class's roll. BAOXUE_ROLL_CALLS: a file of lines "cookie<TAB>csrf<TAB>body<TAB>body",
-- one per class and session; each request sends the next line's bodies in turn (the second marks
-- the pupil differently), so every request after the first round corrects a roll call: each one
-- writes, as a morning of roll calls does.
local lines = {}
for line in io.lines(os.getenv("BAOXUE_ROLL_CALLS")) do
  local cookie, csrf, a, b = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
  lines[#lines + 1] = { cookie = cookie, csrf = csrf, a = a, b = b }
end
local i = 0
local round = 0
setup = function(thread) end
request = function()
  i = i + 1
  if i > #lines then
    i = 1
    round = round + 1
  end
  local l = lines[i]
  local body = (round % 2 == 0) and l.a or l.b
  return wrk.format("POST", "/api/roll-call", {
    ["Cookie"] = l.cookie, ["X-CSRF-Token"] = l.csrf, ["Content-Type"] = "application/json" }, body)
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
