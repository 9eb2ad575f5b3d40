-- wrk script: POST a body to one of many devices, each with its own device key (Basic auth).
-- TARGETS: a file of lines "path<TAB>base64(keyId:secret)"; BODY: the request body, or, with
-- FEED=n, a feed of n points built per request, timed after the previous feed of its device (a
-- gateway sending its buffered readings): each wrk thread writes its own devices and moves its
-- own clock on from a second ahead of now (the feed's points are its time plus 0..n-1 ms), so no
-- point repeats or precedes a stored time. A 10 s run ends some minutes ahead of the server's
-- clock, well inside the skew it allows (a day).
local targets = {}
local i = 0
local feed = tonumber(os.getenv("FEED") or "")
local clock = 0
-- the threads, for done() to add up their counts; each is told its number (lane)
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("lane", #threads)
end

function init(args)
  expect = os.getenv("EXPECT")
  for line in io.lines(os.getenv("TARGETS")) do
    local path, auth = line:match("([^\t]+)\t([^\t]+)")
    targets[#targets + 1] = { path = path, auth = auth }
  end
  if feed then
    local mine = {}
    for n, t in ipairs(targets) do
      if n % 2 == (lane or 1) % 2 then mine[#mine + 1] = t end
    end
    targets = mine
  end
  i = math.random(#targets)
  clock = (os.time() + 1) * 1000
end

local function body()
  if not feed then
    return os.getenv("BODY")
  end
  local dps = {}
  for n = 1, feed do
    dps[n] = string.format('{"tt":%d,"v":%d.5}', n - 1, n)
  end
  local t = os.date("!%Y-%m-%dT%H:%M:%S", math.floor(clock / 1000)) .. string.format(".%03dZ", clock % 1000)
  clock = clock + feed
  return '{"t":"' .. t .. '","dps":[' .. table.concat(dps, ",") .. ']}'
end

request = function()
  i = i % #targets + 1
  local t = targets[i]
  return wrk.format("POST", t.path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Basic " .. t.auth,
  }, body())
end

-- Count non-2xx answers so a run that failed cannot pass for a fast one (wrk counts them in
-- summary.errors.status), 429s apart, and with EXPECT set the 2xx answers whose body is not
-- EXPECT: each thread counts its own, done() adds them up.
r429 = 0
wrong = 0
response = function(status, headers, body)
  if status == 429 then r429 = r429 + 1 end
  if expect and status == 200 and body ~= expect then wrong = wrong + 1 end
end

done = function(summary, latency, requests)
  local n, w = 0, 0
  for _, t in ipairs(threads) do n = n + t:get("r429"); w = w + t:get("wrong") end
  io.write(string.format("non2xx=%d\nr429=%d\nwrong=%d\n", summary.errors.status, n, w))
end
