-- Times the partner check of mod_edgewiz_partners (its route/remote hook for a partner domain)
-- with N partners configured, inside Prosody's own Lua and libraries; prints nanoseconds per check.
-- Usage: lua5.4 allowlist-check.lua MODULE.lua N ITERATIONS
package.path = "/usr/lib/prosody/?.lua;" .. package.path;
package.cpath = "/usr/lib/prosody/?.so;" .. package.cpath;

local module_file, count, iterations = arg[1], tonumber(arg[2]), tonumber(arg[3]);
local partners = {};
for i = 1, count do
	partners["partner" .. i .. ".example"] = { tls = "Required", sasl = "Required", dialback = false };
end

-- Just enough of Prosody's module API to load the module and collect its hooks.
local hooks = {};
local function api(host)
	return {
		host = host,
		set_global = function () end,
		get_option = function (_, name, default) if name == "edgewiz_partners" then return partners; end return default; end,
		log = function () end,
		hook = function (_, name, handler) hooks[name] = handler; end,
		hook_tag = function () end,
		fire_event = function () end,
		send = function () end,
	};
end
_G.prosody = { incoming_s2s = {}, hosts = {} };
local global = api("*");
local env = setmetatable({ module = global }, { __index = _G });
assert(loadfile(module_file, "t", env))();
global.load();
global.add_host(api("edge.example"));

local route = assert(hooks["route/remote"], "the module has no route/remote hook");
local event = { from_host = "edge.example", to_host = "partner" .. count .. ".example", stanza = { name = "message", attr = {} } };
for _ = 1, 1000 do route(event); end -- warm up
local started = os.clock();
for _ = 1, iterations do
	if route(event) ~= nil then error("a partner was refused"); end
end
print(string.format("%.1f", (os.clock() - started) / iterations * 1e9));
