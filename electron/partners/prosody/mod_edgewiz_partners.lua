-- Edge Wizard's federation allow-list: only XMPP federation partners may open a server
-- stream to this gateway, authenticate over one (dialback or SASL EXTERNAL), or be sent to.
local st = require "util.stanza";

-- Read on every check, so a configuration reload (SIGHUP) applies a changed partner list.
local function is_partner(domain)
	return module:get_option_set("edgewiz_partner_domains", {}):contains(domain);
end
local refusal = "This domain is not an XMPP federation partner of this server";

local function refuse(session, what, domain)
	module:log("info", "Refused %s for non-partner %s", what, tostring(domain));
	session:close({ condition = "policy-violation", text = refusal });
end

-- Stream open: the remote server names itself in "from".
module:hook("s2s-stream-features", function (event)
	local from = event.origin.from_host;
	if from and not is_partner(from) then
		refuse(event.origin, "stream", from);
		return true;
	end
end, 1000);

-- Authentication: whatever the stream said, the domain actually authenticated must be a partner.
-- Runs before mod_s2s marks the session authenticated; a non-nil return stops that.
module:hook("s2s-authenticated", function (event)
	if not is_partner(event.host) then
		refuse(event.session, "authentication", event.host);
		return false;
	end
end, 1000);

-- Outgoing: stanzas for non-partners are bounced, never routed.
module:hook("route/remote", function (event)
	if is_partner(event.to_host) then return; end
	module:log("info", "Refused outgoing stanza to non-partner %s", tostring(event.to_host));
	if event.stanza.attr.type ~= "error" and event.stanza.attr.type ~= "result" then
		module:send(st.error_reply(event.stanza, "cancel", "not-allowed", refusal));
	end
	return true;
end, 1000);
