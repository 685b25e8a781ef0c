# shellcheck shell=bash
# The certificate store: a real HTTP server (nginx) in a test host,
# serving certificates by duet ID: GET /certs/ID (ID in hex) returns the
# PEM chain (leaf, then intermediates); 404 for an unknown ID.
#   store_start HOST DIR PORT   serve DIR/www on PORT of HOST; the access
#                               log is DIR/access.log
#   store_publish DIR PKI NAME  publish PKI/NAME.chain.pem under its ID
#   store_stop DIR
# Needs netns.sh.

store_start() {	# HOST DIR PORT
	local host=$1 dir=$2 port=$3

	mkdir -p "$dir/www/certs" "$dir/tmp"
	cat >"$dir/nginx.conf" <<EOT
user root;
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
	access_log $dir/access.log;
	client_body_temp_path $dir/tmp;
	proxy_temp_path $dir/tmp;
	fastcgi_temp_path $dir/tmp;
	uwsgi_temp_path $dir/tmp;
	scgi_temp_path $dir/tmp;
	default_type application/pem-certificate-chain;
	server {
		listen $port;
		root $dir/www;
		location /certs/ { }
	}
}
EOT
	# ip netns exec execs into nginx (one process: master_process off),
	# so $! is nginx itself and store_stop ends it.
	ip netns exec "$(netns_name "$host")" nginx -c "$dir/nginx.conf" &
	STORE_PID=$!
	netns_wait_listen "$host" "$port"
}

store_publish() {	# DIR PKI NAME
	cp "$2/$3.chain.pem" "$1/www/certs/$(cat "$2/$3.id")"
}

store_stop() {
	[ -n "${STORE_PID:-}" ] && kill "$STORE_PID" 2>/dev/null && wait "$STORE_PID" 2>/dev/null
	STORE_PID=
}
