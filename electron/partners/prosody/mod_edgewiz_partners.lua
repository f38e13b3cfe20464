-- Edge Wizard's federation policy: only XMPP federation partners may federate with this gateway,
-- each under its own TLS, SASL EXTERNAL and dialback settings, on incoming and outgoing streams.
--
-- edgewiz_partners = { ["domain"] = { tls = "Required"|"Optional"|"NotSupported",
--                                     sasl = "Required"|"Optional"|"NotSupported", dialback = true|false } }
module:set_global();

local st = require "util.stanza";
local jid_host = require "util.jid".host;
local nameprep = require "util.encodings".stringprep.nameprep;
local filters = require "util.filters";

local xmlns_stream = "http://etherx.jabber.org/streams";
local xmlns_starttls = "urn:ietf:params:xml:ns:xmpp-tls";
local xmlns_sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
local xmlns_dialback_feature = "urn:xmpp:features:dialback";

local NOT_PARTNER = "This domain is not an XMPP federation partner of this server";

-- domain -> policy. Built at load and on each configuration reload, so a check is one table lookup.
local partners = {};

local function load_partners()
	local configured = module:get_option("edgewiz_partners", {});
	local loaded, count = {}, 0;
	if type(configured) == "table" then
		for domain, policy in pairs(configured) do
			if type(domain) == "string" and type(policy) == "table" then
				-- Anything missing or unknown means the strictest setting (fail closed).
				local tls = (policy.tls == "Optional" or policy.tls == "NotSupported") and policy.tls or "Required";
				local sasl = (policy.sasl == "Optional" or policy.sasl == "NotSupported") and policy.sasl or "Required";
				loaded[domain] = { tls = tls, sasl = sasl, dialback = policy.dialback == true and sasl ~= "Required" };
				count = count + 1;
			end
		end
	end
	partners = loaded;
	module:log("info", "Federation partner policy loaded: %d domain(s)", count);
end

-- Why `domain` may not use `session` authenticated by `mechanism` (nil = not yet known), or nil.
local function violation(domain, session, mechanism)
	local policy = domain and partners[domain];
	if not policy then return NOT_PARTNER; end
	if policy.tls == "Required" and not session.secure then
		return "The federation policy for "..domain.." requires TLS";
	end
	if mechanism == "dialback" and not policy.dialback then
		return "The federation policy for "..domain.." does not allow dialback"
			..(policy.sasl == "Required" and ": certificate authentication (SASL EXTERNAL) is required" or "");
	end
	if mechanism == "EXTERNAL" and policy.sasl == "NotSupported" then
		return "The federation policy for "..domain.." does not allow SASL EXTERNAL";
	end
end

local function refuse(session, reason, domain)
	module:log("info", "Refused %s stream %s: %s", session.direction or "s2s", tostring(domain), reason);
	session:close({ condition = "policy-violation", text = reason });
end

-- The remote domains a session carries, each with the mechanism that authenticated it (if any).
local function remote_domains(session)
	local domains = {};
	if session.direction == "outgoing" then
		if session.to_host then domains[session.to_host] = session.edgewiz_auth and session.edgewiz_auth[session.to_host] or false; end
	else
		if session.from_host then domains[session.from_host] = false; end
		for domain, state in pairs(session.hosts or {}) do
			if state.authed then domains[domain] = false; end
		end
		for domain, mechanism in pairs(session.edgewiz_auth or {}) do domains[domain] = mechanism; end
	end
	return domains;
end

-- After a reload: close every stream whose domain is no longer a partner or no longer meets its policy.
local function enforce_on_open_sessions()
	local closed = 0;
	local function check(session)
		if session.destroyed or session.type == "s2s_destroyed" then return; end
		for domain, mechanism in pairs(remote_domains(session)) do
			local reason = violation(domain, session, mechanism or nil);
			if reason then
				refuse(session, reason, domain);
				closed = closed + 1;
				return;
			end
		end
	end
	for session in pairs(prosody.incoming_s2s) do check(session); end
	for _, host in pairs(prosody.hosts) do
		for _, session in pairs(host.s2sout or {}) do check(session); end
	end
	module:log("info", "Federation partner policy applied to open streams: %d closed", closed);
end

function module.load()
	load_partners();
end

module:hook("config-reloaded", function ()
	load_partners();
	enforce_on_open_sessions();
end);

-- Inbound stanzas on authenticated streams are checked too: a stream that outlived its partner delivers nothing.
local function check_inbound(stanza, session)
	if session.type ~= "s2sin" or not stanza.name or stanza.attr.xmlns ~= nil then return stanza; end
	local from = jid_host(stanza.attr.from);
	if from and partners[from] then return stanza; end
	refuse(session, NOT_PARTNER, from);
	return nil;
end

-- Stanza counters for the session report: messages, presences and iqs only (stream features,
-- TLS, SASL and dialback elements are not stanzas); counted after every other filter.
local counted = { message = true, presence = true, iq = true };
local function is_counted(stanza)
	return type(stanza) == "table" and counted[stanza.name] and (stanza.attr.xmlns == nil or stanza.attr.xmlns == "jabber:server");
end
local function count_in(stanza, session)
	if is_counted(stanza) then session.edgewiz_in = (session.edgewiz_in or 0) + 1; end
	return stanza;
end
local function count_out(stanza, session)
	if is_counted(stanza) then session.edgewiz_out = (session.edgewiz_out or 0) + 1; end
	return stanza;
end

module:hook("s2s-created", function (event)
	local session = event.session;
	session.edgewiz_since = os.time();
	if session.direction == "incoming" then filters.add_filter(session, "stanzas/in", check_inbound, 1000); end
	filters.add_filter(session, "stanzas/in", count_in, -1000);
	filters.add_filter(session, "stanzas/out", count_out, -1000);
end);

-- A refused stream must not also be reported by mod_s2s as having "no stream features to offer":
-- a placeholder keeps the (already closed, so never sent) feature list non-empty.
local function hush(features)
	features:tag("refused", { xmlns = "urn:xmpp:edgewiz:policy" }):up();
end

local function is_tag(tag, name, xmlns)
	return type(tag) == "table" and tag.name == name and tag.attr.xmlns == xmlns;
end

function module.add_host(module) -- luacheck: ignore 431/module
	-- Incoming, stream open: the remote server names itself in "from".
	module:hook("s2s-stream-features", function (event)
		local session, features = event.origin, event.features;
		local from = session.from_host;
		if not from then return; end -- No name yet: each authentication below is still checked.
		local policy = partners[from];
		if not policy then
			refuse(session, NOT_PARTNER, from);
			hush(features);
			return true;
		end
		-- Keep mod_tls from offering (or accepting) STARTTLS to a partner that does not support TLS.
		if policy.tls == "NotSupported" and not session.secure then session.ssl_ctx = false; end
	end, 1000);

	-- Incoming, after every module has added its offer: take back what this partner may not use.
	module:hook("s2s-stream-features", function (event)
		local session, features = event.origin, event.features;
		if session.type ~= "s2sin_unauthed" then return; end
		local from = session.from_host;
		local policy = from and partners[from];
		local must_encrypt = policy and policy.tls == "Required" and not session.secure;
		if policy then
			features:maptags(function (tag)
				if is_tag(tag, "dialback", xmlns_dialback_feature) and (must_encrypt or not policy.dialback) then return nil; end
				if is_tag(tag, "mechanisms", xmlns_sasl) and (must_encrypt or policy.sasl == "NotSupported") then
					session.external_auth = nil;
					return nil;
				end
				if is_tag(tag, "starttls", xmlns_starttls) and policy.tls == "Required" and not tag:get_child("required") then
					return st.stanza("starttls", { xmlns = xmlns_starttls }):tag("required"):up();
				end
				return tag;
			end);
		end
		if not features.tags[1] then
			local reason = must_encrypt and "The federation policy for "..from.." requires TLS, which this server cannot offer"
				or "No authentication method is available to "..(from or "a server that does not name itself").." under this server's federation policy";
			refuse(session, reason, from);
			hush(features);
		end
	end, -1000);

	-- Incoming dialback: checked before the key is sent anywhere for verification.
	module:hook("stanza/jabber:server:dialback:result", function (event)
		local session, stanza = event.origin, event.stanza;
		if session.direction ~= "incoming" or stanza.attr.type then return; end
		local from = stanza.attr.from and nameprep(stanza.attr.from);
		local reason = violation(from, session, "dialback");
		if reason then
			refuse(session, reason, from);
			return true;
		end
	end, 1000);

	-- Incoming SASL EXTERNAL from a partner that does not support SASL.
	module:hook("stanza/urn:ietf:params:xml:ns:xmpp-sasl:auth", function (event)
		local session = event.origin;
		if session.type ~= "s2sin_unauthed" then return; end
		local reason = violation(session.from_host, session, "EXTERNAL");
		if reason then
			refuse(session, reason, session.from_host);
			return true;
		end
	end, 1000);

	-- Whatever the stream said, the domain actually authenticated must be a partner whose policy the
	-- stream meets. Runs before mod_s2s marks the session authenticated; a non-nil return stops that.
	module:hook("s2s-authenticated", function (event)
		local session, domain, mechanism = event.session, event.host, event.mechanism;
		local reason = violation(domain, session, mechanism);
		if reason then
			refuse(session, reason, domain);
			return false;
		end
		session.edgewiz_auth = session.edgewiz_auth or {};
		session.edgewiz_auth[domain] = mechanism;
		module:log("info", "Federation partner %s authenticated on an %s stream by %s (%s)", domain,
			session.direction or "s2s", mechanism or "unknown", session.secure and "encrypted" or "not encrypted");
	end, 1000);

	-- Outgoing: a partner that does not support TLS gets none.
	module:hook("s2sout-created", function (event)
		local policy = partners[event.session.to_host];
		if policy and policy.tls == "NotSupported" then event.session.ssl_ctx = false; end
	end, 1000);

	-- Outgoing stream features, between the modules that act on them (mod_tls 500, SASL EXTERNAL 150, dialback 100).
	local function outgoing_policy(session)
		if session.type ~= "s2sout_unauthed" then return nil; end
		return partners[session.to_host];
	end

	-- After mod_tls: reached unencrypted only when TLS was not started.
	module:hook_tag(xmlns_stream, "features", function (session)
		local policy = outgoing_policy(session);
		if policy and policy.tls == "Required" and not session.secure then
			refuse(session, "The federation policy for "..session.to_host.." requires TLS, which was not negotiated", session.to_host);
			return true;
		end
	end, 400);

	-- Before SASL EXTERNAL: a partner that does not support SASL goes straight to dialback.
	module:hook_tag(xmlns_stream, "features", function (session)
		local policy = outgoing_policy(session);
		if policy and policy.sasl == "NotSupported" then
			return module:fire_event("s2sout-authenticate-legacy", { origin = session });
		end
	end, 160);

	-- After SASL EXTERNAL was not started: dialback only where the partner allows it.
	module:hook_tag(xmlns_stream, "features", function (session)
		local policy = outgoing_policy(session);
		if policy and not policy.dialback then
			refuse(session, "The federation policy for "..session.to_host.." requires certificate authentication (SASL EXTERNAL), which it did not offer", session.to_host);
			return true;
		end
	end, 120);

	-- SASL EXTERNAL failed: mod_dialback would fall back to dialback (priority 100).
	module:hook_tag(xmlns_sasl, "failure", function (session)
		local policy = outgoing_policy(session);
		if policy and session.external_auth == "failed" and not policy.dialback then
			refuse(session, "Certificate authentication (SASL EXTERNAL) with "..session.to_host.." failed and its federation policy does not allow dialback", session.to_host);
			return true;
		end
	end, 200);

	-- Outgoing stanzas for non-partners are bounced, never routed. Dialback's own elements (an
	-- internal db:verify) are not stanzas: they are dropped, as the asking stream was already refused.
	module:hook("route/remote", function (event)
		if partners[event.to_host] then return; end
		local stanza = event.stanza;
		module:log("info", "Refused outgoing %s to non-partner %s", stanza.name, tostring(event.to_host));
		local is_stanza = stanza.name == "message" or stanza.name == "presence" or stanza.name == "iq";
		if is_stanza and stanza.attr.type ~= "error" and stanza.attr.type ~= "result" then
			module:send(st.error_reply(stanza, "cancel", "not-allowed", NOT_PARTNER));
		end
		return true;
	end, 1000);
end

-- Stanzas queued while an outgoing stream was being set up are written as text, past the filters:
-- counted here, just before mod_s2s sends them.
module:hook("s2sout-established", function (event)
	local session = event.session;
	-- The queue also holds dialback's own elements (db:verify): only stanzas count.
	for _, queued in ipairs(session.sendq or {}) do
		local name = type(queued[1]) == "string" and queued[1]:match("^<([%w:]+)");
		if name and counted[name] then session.edgewiz_out = (session.edgewiz_out or 0) + 1; end
	end
end);

-- The session report, answered on the admin socket (mod_admin_socket, a Unix socket in the gateway's
-- own folder, so only the app's user reaches it): one JSON object per open s2s stream.
local json = require "util.json";
local x509 = require "util.x509";

local function tls_of(session)
	if not session.secure or not session.conn then return nil; end
	local sock = session.conn.socket and session.conn:socket();
	local info = sock and sock.info and sock:info() or {};
	local cert = sock and sock.getpeercertificate and sock:getpeercertificate();
	local peer;
	if cert then
		local names = {};
		for name in pairs(x509.get_identities(cert) or {}) do names[#names + 1] = name; end
		table.sort(names);
		peer = { names = names, notBefore = cert:notbefore(), notAfter = cert:notafter(),
			chain = session.cert_chain_status or json.null, identity = session.cert_identity_status or json.null };
	end
	return { protocol = info.protocol or json.null, cipher = info.cipher or json.null, peerCertificate = peer or json.null };
end

local function describe(session)
	local outgoing = session.direction == "outgoing";
	local remote = outgoing and session.to_host or session.from_host;
	local mechanism = remote and session.edgewiz_auth and session.edgewiz_auth[remote] or nil;
	local policy = remote and partners[remote];
	return {
		direction = outgoing and "outgoing" or "incoming",
		localDomain = (outgoing and session.from_host or session.to_host) or json.null,
		remoteDomain = remote or json.null,
		since = session.edgewiz_since or json.null,
		authenticated = mechanism or json.null,
		tls = tls_of(session) or json.null,
		partner = policy and { domain = remote, tls = policy.tls, sasl = policy.sasl, dialback = policy.dialback } or json.null,
		meetsPolicy = mechanism ~= nil and violation(remote, session, mechanism) == nil,
		stanzasIn = session.edgewiz_in or 0,
		stanzasOut = session.edgewiz_out or 0,
	};
end

local function open_sessions()
	local list = {};
	for session in pairs(prosody.incoming_s2s) do
		if not session.destroyed and session.type ~= "s2s_destroyed" then list[#list + 1] = session; end
	end
	for _, host in pairs(prosody.hosts) do
		for _, session in pairs(host.s2sout or {}) do
			if not session.destroyed and session.type ~= "s2s_destroyed" then list[#list + 1] = session; end
		end
	end
	return list;
end

module:hook("admin/edgewiz-sessions", function (event)
	local report = {};
	for _, session in ipairs(open_sessions()) do report[#report + 1] = describe(session); end
	event.origin.send(st.stanza("repl-result", { type = "ok" }):text(#report > 0 and json.encode(report) or "[]"));
	return true;
end);

module:hook("admin/edgewiz-disconnect", function (event)
	local domain = event.stanza.attr.domain;
	local closed = 0;
	for _, session in ipairs(open_sessions()) do
		local remote = session.direction == "outgoing" and session.to_host or session.from_host;
		if domain and remote == domain then
			session:close();
			closed = closed + 1;
		end
	end
	module:log("info", "Closed %d stream(s) with %s at the admin's request", closed, tostring(domain));
	event.origin.send(st.stanza("repl-result", { type = "ok" }):text(tostring(closed)));
	return true;
end);
