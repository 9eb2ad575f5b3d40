-- wrk script: POST a body to one of many devices, each with its own device key (Basic auth).
-- TARGETS: a file of lines "path<TAB>base64(keyId:secret)"; BODY: the request body.
local targets = {}
local i = 0

function init(args)
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

-- Count non-2xx answers so a run that failed cannot pass for a fast one.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non2xx=%d\n", summary.errors.status))
end
