/**
 * Shell scripts that complete the `kubectl-etcd` command (run directly, or through npx) by asking it: each calls
 * `kubectl-etcd __complete -- <words>` and reads the answer as kubectl reads a plugin's (one candidate a line,
 * `value<TAB>description`, then `:<directive>`). `kubectl etcd ...` itself is completed by kubectl 1.26+ through
 * kubectl_complete-etcd, which `kubectl etcd completion install` writes.
 */

export const shells = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof shells)[number];

const bash = `# bash completion for kubectl-etcd (kubectl-etcd completion bash).
# Load it with: source <(kubectl-etcd completion bash)
# For \`kubectl etcd ...\` (kubectl 1.26+), run: kubectl etcd completion install
__kubectl_etcd_complete() {
    # The words as typed, split at blanks only (bash's own COMP_WORDS are also split at = and :).
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null; then
        _get_comp_words_by_ref -n =: cur words cword
    else
        local typed=\${COMP_LINE:0:COMP_POINT}
        read -ra words <<<"$typed"
        [[ -z $typed || $typed == *[[:blank:]] ]] && words+=("")
        cword=$(( \${#words[@]} - 1 )) cur=\${words[-1]}
    fi
    local output line directive=0
    local -a candidates=()
    output=$("\${words[0]}" __complete -- "\${words[@]:1:cword}" 2>/dev/null) || return 0
    while IFS= read -r line; do
        case $line in
            :[0-9]*) directive=\${line#:} ;;
            ?*) candidates+=("\${line%%$'\\t'*}") ;;
        esac
    done <<<"$output"
    (( directive & 1 )) && return 0
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
    if (( \${#candidates[@]} == 0 )); then
        (( directive & 4 )) || compopt -o default 2>/dev/null
        COMPREPLY=()
        return 0
    fi
    # bash splits words at = and :; it replaces only the part after the last one.
    if [[ $cur == *[=:]* ]]; then
        local head=\${cur%[=:]*}
        candidates=("\${candidates[@]#"$head"[=:]}")
    fi
    COMPREPLY=("\${candidates[@]}")
}
complete -F __kubectl_etcd_complete kubectl-etcd
`;

const zsh = `#compdef kubectl-etcd
# zsh completion for kubectl-etcd (kubectl-etcd completion zsh).
# Load it with: source <(kubectl-etcd completion zsh), or save it as _kubectl-etcd in a directory of $fpath.
# For \`kubectl etcd ...\` (kubectl 1.26+), run: kubectl etcd completion install
__kubectl_etcd_complete() {
    local output line directive=0
    local -a described
    output=$("\${words[1]}" __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    for line in "\${(@f)output}"; do
        if [[ $line == :<-> ]]; then
            directive=\${line#:}
        elif [[ $line == *$'\\t'* ]]; then
            described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
        elif [[ -n $line ]]; then
            described+=("\${line//:/\\\\:}")
        fi
    done
    (( directive & 1 )) && return 1
    local -a nospace
    (( directive & 2 )) && nospace=(-S '')
    if (( \${#described} )); then
        _describe -t values 'kubectl-etcd' described "\${nospace[@]}"
    elif (( ! (directive & 4) )); then
        _files
    fi
}
if [[ \${funcstack[1]} == _kubectl-etcd ]]; then
    __kubectl_etcd_complete "$@"
else
    compdef __kubectl_etcd_complete kubectl-etcd
fi
`;

const fish = `# fish completion for kubectl-etcd (kubectl-etcd completion fish).
# Load it with: kubectl-etcd completion fish | source
# For \`kubectl etcd ...\` (kubectl 1.26+), run: kubectl etcd completion install
function __kubectl_etcd_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l output ($words[1] __complete -- $words[2..-1] $current 2>/dev/null)
    or return
    set -l directive 0
    if string match -qr '^:[0-9]+$' -- $output[-1]
        set directive (string sub -s 2 -- $output[-1])
        set -e output[-1]
    end
    test (math --scale 0 "$directive % 2") -eq 1; and return
    set -l candidates (string match -v -- '' $output)
    if test (count $candidates) -gt 0
        printf '%s\\n' $candidates
    else if test (math --scale 0 "$directive / 4 % 2") -eq 0
        __fish_complete_path $current
    end
end
complete -c kubectl-etcd -f -a '(__kubectl_etcd_complete)'
`;

const scripts: Record<Shell, string> = { bash, zsh, fish };

export function completionScript(shell: Shell): string {
  return scripts[shell];
}
