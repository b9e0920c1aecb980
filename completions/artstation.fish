# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_artstation_global_optspecs
    string join \n server= json q/quiet profile= h/help V/version
end

function __fish_artstation_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_artstation_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_artstation_using_subcommand
    set -l cmd (__fish_artstation_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c artstation -n "__fish_artstation_needs_command" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_needs_command" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_needs_command" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_needs_command" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_needs_command" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_needs_command" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "register" -d 'Create an account'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "login" -d 'Log in and store the session in the credential store'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "logout" -d 'End the session and forget the stored credentials'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "passwd" -d 'Change your password; every other session of yours ends'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "whoami" -d 'Show the logged-in user'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "auth" -d 'Inspect the stored session'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "upload" -d 'Upload image files or folders of images'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "list" -d 'List published artworks'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "show" -d 'Show one artwork'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand register" -l email -d 'Email address (prompted on a terminal when absent)' -r
complete -c artstation -n "__fish_artstation_using_subcommand register" -l username -d 'User name (prompted on a terminal when absent)' -r
complete -c artstation -n "__fish_artstation_using_subcommand register" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand register" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand register" -l artist -d 'Register as an artist, who can sell artworks'
complete -c artstation -n "__fish_artstation_using_subcommand register" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c artstation -n "__fish_artstation_using_subcommand register" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand register" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand register" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand register" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand login" -l login -d 'Email or user name (prompted on a terminal when absent)' -r
complete -c artstation -n "__fish_artstation_using_subcommand login" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand login" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand login" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c artstation -n "__fish_artstation_using_subcommand login" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand login" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand login" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand login" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand logout" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand logout" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand logout" -l all -d 'End every session of this account, on every device'
complete -c artstation -n "__fish_artstation_using_subcommand logout" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand logout" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand logout" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand logout" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -l password-stdin -d 'Read the current password from the first line of standard input and the new one from the second (for scripts; on a terminal you are prompted)'
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand passwd" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -f -a "status" -d 'Show where credentials are stored and whether a session exists'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -f -a "token" -d 'Print the current access token (refreshing it if needed), for scripts'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and not __fish_seen_subcommand_from status token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show where credentials are stored and whether a session exists'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the current access token (refreshing it if needed), for scripts'
complete -c artstation -n "__fish_artstation_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l title -d 'Title of every uploaded artwork (default: from the file name)' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l description -d 'Description of every uploaded artwork' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l price -d 'Price in major units, e.g. 12.50' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l currency -d 'ISO 4217 currency of the price' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l tags -d 'Comma-separated tags' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l category -d 'Category' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l licence -d 'Licence granted to buyers' -r -f -a "personal\t''
commercial\t''"
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l edition -d 'Limited edition size' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l draft -d 'Upload as drafts instead of publishing'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand list" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand show" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand show" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "register" -d 'Create an account'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "login" -d 'Log in and store the session in the credential store'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "logout" -d 'End the session and forget the stored credentials'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "passwd" -d 'Change your password; every other session of yours ends'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "whoami" -d 'Show the logged-in user'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "auth" -d 'Inspect the stored session'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "upload" -d 'Upload image files or folders of images'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "list" -d 'List published artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "show" -d 'Show one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list show completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show where credentials are stored and whether a session exists'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the current access token (refreshing it if needed), for scripts'
