-- wrk script: POST a body to one of many devices, each with its own device key (Basic auth).
-- TARGETS: a file of lines "path<TAB>base64(keyId:secret)"; BODY: the request body.
local targets = {}
local i = 0

function init(args)
  expect = os.getenv("EXPECT")
  for line in io.lines(os.getenv("TARGETS")) do
    local path, auth = line:match("([^\t]+)\t([^\t]+)")
    targets[#targets + 1] = { path = path, auth = auth }
  end
  i = math.random(#targets)
end

request = function()
  i = i % #targets + 1
  local t = targets[i]
  return wrk.format("POST", t.path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Basic " .. t.auth,
  }, os.getenv("BODY"))
end

-- Count non-2xx answers so a run that failed cannot pass for a fast one (wrk counts them in
-- summary.errors.status), 429s apart, and with EXPECT set the 2xx answers whose body is not
-- EXPECT: each thread counts its own, done() adds them up.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

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
