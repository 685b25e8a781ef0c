# shellcheck shell=bash
# Key brokers and their parties in test hosts (after gateway.sh): a
# broker is "duet-broker serve" on $bport, a party's agent is "duet-broker
# join"; their stderr goes to $tmp/broker-HOST.log, $tmp/agent-HOST.log.
# Sessions that confirm an SA: serve, dial, session, on $sport.
bport=7100
sport=7010

broker_start() {	# HOST [serve options]
	ip netns exec "$(netns_name "$1")" "$bin/duet-broker/duet-broker" -v serve \
		-p "$bport" "${@:2}" 2>>"$tmp/broker-$1.log" &
	echo $! >"$tmp/broker-$1.pid"
	netns_wait_listen "$1" "$bport"
}

agent_start() {	# HOST BROKER-HOST [join options]: until the broker has its link
	local me

	me=$(duetctl "$1" -j identity | jq -r .id)
	ip netns exec "$(netns_name "$1")" "$bin/duet-broker/duet-broker" -v join \
		"$(netns_ip "$2")" "$bport" "${@:3}" 2>>"$tmp/agent-$1.log" &
	echo $! >"$tmp/agent-$1.pid"
	wait_for "$1 joined" linked "$2" "$me"
}

stop() {	# NAME HOST: kill broker-HOST or agent-HOST
	local pid

	pid=$(cat "$tmp/$1-$2.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -f "$tmp/$1-$2.pid"
}

wait_for() {	# WHAT CMD...: until CMD succeeds (5 s, scaled)
	local i

	for ((i = 0; i < $(slow 50); i++)); do
		"${@:2}" && return 0
		sleep 0.1
	done
	fail "timed out waiting: $1"
}

link_field() {	# HOST PEER FIELD: of HOST's link key with PEER
	duetctl "$1" -j broker | jq -r --arg p "$2" ".links[] | select(.peer == \$p) | .$3"
}
gen() { link_field "$1" "$2" gen; }	# HOST PEER
chain() { link_field "$1" "$2" chain; }
pending() { link_field "$1" "$2" pending; }
linked() { [ -n "$(gen "$1" "$2")" ]; }	# HOST PEER
gen_is() { [ "$(gen "$1" "$2")" = "$3" ]; }	# HOST PEER GEN
settled() { [ "$(pending "$1" "$2")" = false ]; }	# broker HOST, party PEER

request() {	# HOST ID... [lifetime S]: an SA from HOST's broker, its id out
	netns_exec "$1" "$bin/duet-broker/duet-broker" request "${@:2}"
}

serve() {	# HOST [duet-cat options]: one connection, output in $tmp/srv.*
	ip netns exec "$(netns_name "$1")" "$bin/duet-cat/duet-cat" -l -v "${@:2}" "$sport" \
		>"$tmp/srv.out" 2>"$tmp/srv.err" </dev/null &
	SRV=$!
	netns_wait_listen "$1" "$sport"
}

dial() {	# FROM TO SA: "hello" from FROM to TO, confirming SA
	echo hello >"$tmp/in"
	timeout 20 ip netns exec "$(netns_name "$1")" "$bin/duet-cat/duet-cat" -v \
		-S "$3" "$(netns_ip "$2")" "$sport" <"$tmp/in" >"$tmp/cli.out" 2>"$tmp/cli.err"
}

session() {	# FROM TO SA: a broker session, data across, both said "broker"
	serve "$2" && dial "$1" "$2" "$3" || { fail "dial: $(cat "$tmp/cli.err")"; return; }
	wait_pid "$SRV" "$(slow 10)" || kill "$SRV"
	wait "$SRV"
	grep -q "established, suite 0x0101, peer .*, broker\$" "$tmp/cli.err" ||
		fail "initiator: $(cat "$tmp/cli.err")" || return
	grep -q "established, .*, broker\$" "$tmp/srv.err" ||
		fail "responder: $(cat "$tmp/srv.err")" || return
	cmp -s "$tmp/in" "$tmp/srv.out" || fail "the responder got '$(cat "$tmp/srv.out")'"
}
