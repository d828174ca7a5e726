# ptrlint.bash — bash completion for ptrlint: its options, the rule ids
# after --explain/--enable/--disable/--severity (asked of the ptrlint being
# completed, so they are always that binary's own), formats, levels, colour
# modes, git revisions, files and directories.
#
# `make install` puts it where bash-completion loads it on demand
# (share/bash-completion/completions/ptrlint); without bash-completion,
# `source` it from ~/.bashrc. It uses bash-completion's helpers when they
# are there (quoting, "--opt=value" splitting) and plain compgen otherwise.

_ptrlint_options='-c --config --root --git --rev --staged --since -f --format
-o --output --fail-on --enable --disable --severity --list-rules --list-zones --explain
--print-config --color --colour -q --quiet -j --jobs --version -h --help
--baseline --write-baseline'

# Rule ids, from the binary on the command line when it runs, else from
# the ptrlint on PATH.
_ptrlint_rules()
{
	local bin=$1
	if ! command -v "$bin" >/dev/null 2>&1; then
		bin=ptrlint
	fi
	"$bin" --list-rules 2>/dev/null | cut -d' ' -f1
}

_ptrlint_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
	else
		# -o filenames: bash quotes the names and marks directories;
		# one name a line, since names may hold blanks
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'
		if [ "$1" = -d ]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
	fi
}

_ptrlint()
{
	local cur prev words cword split=false
	if declare -F _init_completion >/dev/null; then
		# -n =: keep "RULE=LEVEL" one word; -s: split "--opt=value"
		_init_completion -s -n = || return
	else
		# Without bash-completion: the words before the cursor, split
		# at blanks only (no quotes), so "RULE=LEVEL" stays one word.
		local line=${COMP_LINE:0:COMP_POINT}
		read -ra words <<<"$line"
		[[ $line == *[[:space:]] ]] && words+=("")
		cword=$((${#words[@]} - 1))
		cur=${words[cword]}
		prev=${words[cword - 1]}
		if [[ $cur == --?*=* ]]; then
			prev=${cur%%=*}
			cur=${cur#*=}
			split=true
		fi
	fi

	local levels='error warning info'
	case $prev in
	-c | --config | -o | --output | --baseline | --write-baseline)
		_ptrlint_files
		return
		;;
	--root)
		_ptrlint_files -d
		return
		;;
	--git)
		# its repository only ever follows '=': "--git DIR" is a PATH
		if $split; then
			_ptrlint_files -d
			return
		fi
		;;
	-f | --format)
		COMPREPLY=($(compgen -W 'text json sarif github' -- "$cur"))
		return
		;;
	--fail-on)
		COMPREPLY=($(compgen -W "$levels never" -- "$cur"))
		return
		;;
	--color | --colour)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return
		;;
	--explain | --enable | --disable)
		COMPREPLY=($(compgen -W "$(_ptrlint_rules "${words[0]}")" -- "$cur"))
		return
		;;
	--severity)
		if [[ $cur == *=* ]]; then
			# bash replaces only the text after the last '=' (a word
			# break), so offer the level alone
			COMPREPLY=($(compgen -W "$levels off" -- "${cur#*=}"))
		else
			COMPREPLY=($(compgen -S = -W "$(_ptrlint_rules "${words[0]}")" -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi
		return
		;;
	--rev | --since)
		COMPREPLY=($(compgen -W "HEAD $(git for-each-ref --format='%(refname:short)' 2>/dev/null)" -- "$cur"))
		return
		;;
	-j | --jobs)
		return
		;;
	esac
	$split && return

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_ptrlint_options" -- "$cur"))
		return
	fi
	_ptrlint_files
}
complete -F _ptrlint ptrlint
