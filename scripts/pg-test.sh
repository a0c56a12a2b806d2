#!/usr/bin/env bash
# pg-test.sh — a throwaway PostgreSQL 15 server for diplograph's tests.
#
#   scripts/pg-test.sh start    start a cluster on a free loopback port; print its connection string
#   scripts/pg-test.sh standby  start a second cluster, a streaming-replication hot standby of the
#                               first (pg_basebackup -R), on another free loopback port; print its
#                               connection string
#   scripts/pg-test.sh env      print `export DIPLOGRAPH_TEST_POSTGRES=...` for the running cluster
#   scripts/pg-test.sh stop     stop the clusters and delete their files
#
# Typical use:
#   export DIPLOGRAPH_TEST_POSTGRES=$(scripts/pg-test.sh start)
#   go test ./...
#   scripts/pg-test.sh stop
#
# It uses Debian's postgresql-15 binaries (installed with apt-get when missing, which needs root),
# runs the server as the `postgres` OS user when started by root, keeps everything in one
# directory, $DIPLOGRAPH_PG_HOME (default ${TMPDIR:-/tmp}/diplograph-pg-$UID), listens on
# 127.0.0.1 only with trust authentication (replication connections included), and creates the
# database `diplograph`. Durability is off (fsync=off): the data is for tests only. The standby
# keeps its files in $DIPLOGRAPH_PG_HOME/standby and replays the primary's WAL as it streams in;
# it answers read-only queries (hot_standby).
#
# Environment: DIPLOGRAPH_PG_HOME (state directory), PGBIN (default /usr/lib/postgresql/15/bin).
# Exit status: 0 on success, 1 on failure, 2 on a usage error.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
HOME_DIR=${DIPLOGRAPH_PG_HOME:-${TMPDIR:-/tmp}/diplograph-pg-$(id -u)}
DB=diplograph

log() { echo "pg-test: $*" >&2; }
die() { log "$*"; exit 1; }

# as_pg runs a command as the server's OS user: postgres when we are root, else ourselves.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		if command -v runuser >/dev/null; then
			runuser -u postgres -- "$@"
		else
			su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
		fi
	else
		"$@"
	fi
}

install_postgres() {
	[[ -x $PGBIN/initdb && -x $PGBIN/pg_ctl ]] && return
	[[ $(id -u) -eq 0 ]] || die "$PGBIN/initdb is missing; install postgresql-15 (apt-get install postgresql-15)"
	log "installing postgresql-15"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends postgresql-15 >&2
	[[ -x $PGBIN/initdb ]] || die "postgresql-15 installed but $PGBIN/initdb is missing"
}

# port_free reports whether nothing listens on 127.0.0.1:$1.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url() { echo "postgres://postgres@127.0.0.1:$(cat "$HOME_DIR/${1:-port}")/$DB?sslmode=disable"; }

running() { [[ -f $HOME_DIR/port && -d $HOME_DIR/data ]] && as_pg "$PGBIN/pg_ctl" -D "$HOME_DIR/data" status >/dev/null 2>&1; }

# server_options are the options of both clusters but the port.
server_options() {
	echo "-k $HOME_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
}

# start_on DATADIR LOG PORTFILE starts the cluster of DATADIR on a free loopback port, written to
# PORTFILE.
start_on() {
	local data=$1 logf=$2 portfile=$3 port tries=0
	while :; do
		tries=$((tries + 1))
		((tries <= 20)) || die "no free port found"
		port=$((20000 + RANDOM % 40000))
		port_free "$port" || continue
		if as_pg "$PGBIN/pg_ctl" -D "$data" -l "$logf" -w -t 60 start -o "-p $port $(server_options)" >/dev/null; then
			break
		fi
		grep -q "could not bind\|already in use" "$logf" 2>/dev/null || { cat "$logf" >&2; die "pg_ctl start failed"; }
	done
	echo "$port" >"$portfile"
}

start() {
	if running; then
		log "already running in $HOME_DIR"
		url
		return
	fi
	install_postgres
	rm -rf "$HOME_DIR"
	mkdir -p "$HOME_DIR"
	if [[ $(id -u) -eq 0 ]]; then
		id postgres >/dev/null 2>&1 || die "no postgres OS user (is postgresql-15 installed?)"
		chown postgres: "$HOME_DIR"
	fi
	as_pg "$PGBIN/initdb" -D "$HOME_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$HOME_DIR/initdb.log" 2>&1 ||
		{ cat "$HOME_DIR/initdb.log" >&2; die "initdb failed"; }
	start_on "$HOME_DIR/data" "$HOME_DIR/server.log" "$HOME_DIR/port"
	local port
	port=$(cat "$HOME_DIR/port")
	as_pg "$PGBIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
		-c "CREATE DATABASE $DB" >&2 || die "create database failed"
	log "PostgreSQL 15 on 127.0.0.1:$port, files in $HOME_DIR"
	url
}

standby() {
	running || die "no primary running in $HOME_DIR (scripts/pg-test.sh start)"
	[[ -x $PGBIN/pg_basebackup ]] || die "$PGBIN/pg_basebackup is missing; install postgresql-15"
	if [[ -f $HOME_DIR/standby.port ]] && as_pg "$PGBIN/pg_ctl" -D "$HOME_DIR/standby" status >/dev/null 2>&1; then
		log "standby already running in $HOME_DIR/standby"
		url standby.port
		return
	fi
	rm -rf "$HOME_DIR/standby"
	# -R writes standby.signal and primary_conninfo: the copy starts as a standby that streams
	# the primary's WAL; -X stream copies the WAL written while the backup runs; -c fast
	# checkpoints at once (the default spreads the checkpoint, 90 s here).
	as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$(cat "$HOME_DIR/port")" -U postgres -D "$HOME_DIR/standby" -R -X stream -c fast \
		>"$HOME_DIR/basebackup.log" 2>&1 || { cat "$HOME_DIR/basebackup.log" >&2; die "pg_basebackup failed"; }
	start_on "$HOME_DIR/standby" "$HOME_DIR/standby.log" "$HOME_DIR/standby.port"
	log "hot standby of 127.0.0.1:$(cat "$HOME_DIR/port") on 127.0.0.1:$(cat "$HOME_DIR/standby.port"), files in $HOME_DIR/standby"
	url standby.port
}

stop() {
	if [[ -d $HOME_DIR/standby ]]; then
		as_pg "$PGBIN/pg_ctl" -D "$HOME_DIR/standby" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [[ -d $HOME_DIR/data ]]; then
		as_pg "$PGBIN/pg_ctl" -D "$HOME_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$HOME_DIR"
}

case ${1:-} in
start) start ;;
standby) standby ;;
stop) stop ;;
env)
	running || die "not running (scripts/pg-test.sh start)"
	echo "export DIPLOGRAPH_TEST_POSTGRES='$(url)'"
	;;
*)
	echo "usage: $0 start|standby|stop|env" >&2
	exit 2
	;;
esac
