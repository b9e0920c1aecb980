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
complete -c artstation -n "__fish_artstation_needs_command" -f -a "search" -d 'Search published artworks'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "show" -d 'Show one artwork'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "edit" -d 'Change an artwork of yours'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "price" -d 'Reprice one artwork, or many at once'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "publish" -d 'Publish a draft'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "rm" -d 'Delete an artwork of yours'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "fav" -d 'Your favourite artworks'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "follow" -d 'Follow an artist, to see their new works in `watch`'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "unfollow" -d 'Stop following an artist'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "watch" -d 'Print new works of the artists you follow as they appear (Ctrl-C to stop)'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "buy" -d 'Buy an artwork with your wallet'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "library" -d 'The artworks you bought'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "download" -d 'Download the original of an artwork you bought or own, checking its SHA-256'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "wallet" -d 'Your wallet balances; `wallet topup` adds money'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "refund" -d 'Refund an order of yours'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "sales" -d 'Your sales and earnings per currency'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "payout" -d 'Ask for a payout of your available earnings in one currency'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "licence" -d 'Licence certificates of your orders'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "report" -d 'Report an artwork to the moderators'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "reports" -d 'Your reports and what came of them'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "appeal" -d 'Appeal the hiding of an artwork of yours (once)'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "admin" -d 'Moderation and user management (admins)'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "browse" -d 'A full-screen gallery in the terminal, with pictures'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "doctor" -d 'Check the credential store, the server, the clock, the terminal and file permissions'
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
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l price -d 'Price in major units, e.g. 12.50 (required unless a manifest or sidecar gives one)' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l currency -d 'ISO 4217 currency of the price' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l tags -d 'Comma-separated tags' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l category -d 'Category' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l licence -d 'Licence granted to buyers' -r -f -a "personal\t''
commercial\t''"
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l edition -d 'Limited edition size' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l manifest -d 'Per-file metadata: CSV (with a header) or JSON Lines, with a `path` column and any of title, description, tags, category, price, currency, licence, edition, draft. A sidecar `IMAGE.json` next to an image gives the same for that image. Every row is checked before anything is sent. Relative paths are read from the manifest\'s folder' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s j -l jobs -d 'Files uploaded at once' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l report -d 'Write the JSON report (uploaded, skipped, failed) to FILE' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l watch -d 'Watch DIR and upload new and changed images as drafts until Ctrl-C' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l retries -d 'Retries of a transient failure (network, 5xx, 429) per file; 4xx answers are final' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l draft -d 'Upload as drafts instead of publishing'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l dry-run -d 'Print what would be uploaded and skipped, with which metadata, and send nothing'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l skip-invalid -d 'Upload the valid rows of a manifest that has errors (by default nothing is sent)'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand upload" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand list" -l tag -d 'Only artworks with this tag' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l category -d 'Only artworks in this category (a slug, see the categories of the server)' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l artist -d 'Only artworks by this artist' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l licence -d 'Only artworks sold under this licence' -r -f -a "personal\t''
commercial\t''"
complete -c artstation -n "__fish_artstation_using_subcommand list" -l min-price -d 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l max-price -d 'Highest effective price, in major units of --currency' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l currency -d 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l sort -d 'Order of the results' -r -f -a "new\t'Newest first'
popular\t'Most favourited first'
price-asc\t'Cheapest first (by effective price)'
price-desc\t'Dearest first (by effective price)'"
complete -c artstation -n "__fish_artstation_using_subcommand list" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l status -d 'With --mine: only works with this status' -r -f -a "draft\t''
published\t''
hidden\t'Hidden by moderation'"
complete -c artstation -n "__fish_artstation_using_subcommand list" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l mine -d 'Your own works instead, drafts and hidden ones included, newest first'
complete -c artstation -n "__fish_artstation_using_subcommand list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c artstation -n "__fish_artstation_using_subcommand list" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand search" -l tag -d 'Only artworks with this tag' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l category -d 'Only artworks in this category (a slug, see the categories of the server)' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l artist -d 'Only artworks by this artist' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l licence -d 'Only artworks sold under this licence' -r -f -a "personal\t''
commercial\t''"
complete -c artstation -n "__fish_artstation_using_subcommand search" -l min-price -d 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l max-price -d 'Highest effective price, in major units of --currency' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l currency -d 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l sort -d 'Order of the results' -r -f -a "new\t'Newest first'
popular\t'Most favourited first'
price-asc\t'Cheapest first (by effective price)'
price-desc\t'Dearest first (by effective price)'"
complete -c artstation -n "__fish_artstation_using_subcommand search" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand search" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand search" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c artstation -n "__fish_artstation_using_subcommand search" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand show" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand show" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand show" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l title -d 'New title' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l description -d 'New description (\'\' clears it)' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l tags -d 'Comma-separated tags replacing the current ones (\'\' removes every tag)' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l category -d 'New category' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l price -d 'New price in major units, e.g. 12.50' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l currency -d 'Currency of --price (default: the artwork\'s current currency)' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l licence -d 'Licence granted to buyers' -r -f -a "personal\t''
commercial\t''"
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l edition -d 'Make it a limited edition of N copies' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l no-category -d 'Remove the category'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l open-edition -d 'Make it an open edition (no limit on copies)'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l draft -d 'Turn it back into a draft, hidden from the catalogue'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l publish -d 'Publish it'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand edit" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -f -a "set" -d 'Set the price of one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -f -a "bulk" -d 'Reprice several of your artworks at once, by a percentage or to one price'
complete -c artstation -n "__fish_artstation_using_subcommand price; and not __fish_seen_subcommand_from set bulk help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -l currency -d 'Currency of the price (default: the artwork\'s current currency)' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l percent -d 'Change prices by this percentage, -90 to 1000 (e.g. -10 or 12.5); the server rounds to whole minor units, half away from zero' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l set -d 'Set every price to this amount, in major units of --currency' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l currency -d 'Currency of --set' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l all -d 'Reprice every artwork of yours'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from bulk" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the price of one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "bulk" -d 'Reprice several of your artworks at once, by a percentage or to one price'
complete -c artstation -n "__fish_artstation_using_subcommand price; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand publish" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand publish" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand publish" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand publish" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand publish" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand publish" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand rm" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand rm" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand rm" -s y -l yes -d 'Delete without asking (required when standard input is not a terminal)'
complete -c artstation -n "__fish_artstation_using_subcommand rm" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand rm" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand rm" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand rm" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -f -a "add" -d 'Add an artwork to your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -f -a "rm" -d 'Remove an artwork from your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -f -a "list" -d 'List your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and not __fish_seen_subcommand_from add rm list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an artwork to your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an artwork from your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from help" -f -a "list" -d 'List your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand fav; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand follow" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand follow" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand follow" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand follow" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand follow" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand follow" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand unfollow" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand watch" -l since -d 'Also print the works newer than this artwork id that you missed (at most a page)' -r
complete -c artstation -n "__fish_artstation_using_subcommand watch" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand watch" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand watch" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand watch" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand watch" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand watch" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand buy" -l expected-price -d 'Refuse to pay unless the artwork costs exactly this, in major units (e.g. 12.50)' -r
complete -c artstation -n "__fish_artstation_using_subcommand buy" -l currency -d 'Currency of --expected-price (default: the artwork\'s)' -r
complete -c artstation -n "__fish_artstation_using_subcommand buy" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand buy" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand buy" -s y -l yes -d 'Buy without asking (required when standard input is not a terminal)'
complete -c artstation -n "__fish_artstation_using_subcommand buy" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand buy" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand buy" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand buy" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand library" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand library" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand library" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand library" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand library" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand library" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand library" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand library" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand download" -s o -l output -d 'File or folder to save to (default: ./ID.EXT, the extension from the file\'s type)' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand download" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand download" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand download" -l force -d 'Replace an existing file'
complete -c artstation -n "__fish_artstation_using_subcommand download" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand download" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand download" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand download" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -f -a "topup" -d 'Add money to your wallet (sandbox payments only)'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and not __fish_seen_subcommand_from topup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -l currency -d 'ISO 4217 currency of the amount' -r
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from topup" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "topup" -d 'Add money to your wallet (sandbox payments only)'
complete -c artstation -n "__fish_artstation_using_subcommand wallet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand refund" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand refund" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand refund" -s y -l yes -d 'Refund without asking (required when standard input is not a terminal)'
complete -c artstation -n "__fish_artstation_using_subcommand refund" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand refund" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand refund" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand refund" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand sales" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand sales" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand sales" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand sales" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand sales" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand sales" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand sales" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand sales" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand payout" -l currency -d 'Currency of the earnings to pay out' -r
complete -c artstation -n "__fish_artstation_using_subcommand payout" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand payout" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand payout" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand payout" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand payout" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand payout" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -f -a "show" -d 'Show the licence certificate of an order, or save it to a file'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -f -a "verify" -d 'Check a saved certificate\'s signature (offline once the keys are cached)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and not __fish_seen_subcommand_from show verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -s o -l output -d 'Write the certificate (a compact JWS) to this file' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -l key -d 'Verify with this key (a JWKS or a single JWK) instead of the server\'s cached keys' -r -F
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the licence certificate of an order, or save it to a file'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a saved certificate\'s signature (offline once the keys are cached)'
complete -c artstation -n "__fish_artstation_using_subcommand licence; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand report" -l reason -d 'Why the work should be looked at' -r -f -a "stolen\t'The work is someone else\'s'
spam\t''
nsfw\t''
offensive\t''
other\t''"
complete -c artstation -n "__fish_artstation_using_subcommand report" -l note -d 'What the moderators should know (at most 1000 characters)' -r
complete -c artstation -n "__fish_artstation_using_subcommand report" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand report" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand report" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand report" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c artstation -n "__fish_artstation_using_subcommand report" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l all -d 'Fetch every page and print them as one list'
complete -c artstation -n "__fish_artstation_using_subcommand reports" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand reports" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand reports" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand reports" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -l message -d 'Why the work should be shown again (1 to 2000 characters)' -r
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand appeal" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "reports" -d 'The moderation queue: reported and flagged artworks, most recently reported first'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "flagged" -d 'Uploads flagged as near-duplicates of another artist\'s work'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "hide" -d 'Hide artworks from everyone but their owner and admins (resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "restore" -d 'Show hidden artworks again (upholds a pending appeal)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "remove" -d 'Remove artworks for good (buyers keep access; resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "dismiss" -d 'Dismiss every open report and near-duplicate flag of artworks'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "ban" -d 'Ban users: their sessions and access tokens end at once'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "unban" -d 'Lift bans'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "role" -d 'Change a user\'s role'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "users" -d 'List and search users'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "audit" -d 'Every admin action, newest first'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and not __fish_seen_subcommand_from reports flagged hide restore remove dismiss ban unban role users audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l reason -d 'Only artworks reported for this reason (near_duplicate: only flagged uploads)' -r -f -a "stolen\t''
spam\t''
nsfw\t''
offensive\t''
other\t''
near_duplicate\t'Uploads flagged as near-duplicates of another artist\'s work'"
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l min-age -d 'Only items first reported at least this long ago: seconds, or 30m, 12h, 7d, 2w' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l max-age -d 'Only items first reported at most this long ago' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l all -d 'Fetch every page and print them as one list'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from reports" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l all -d 'Fetch every page and print them as one list'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from flagged" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -l reason -d 'Why (recorded in the audit log and shown to the artist)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -s y -l yes -d 'Do it without asking (required when there is no terminal to ask on)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from hide" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -l reason -d 'Why (recorded in the audit log and shown to the artist)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -s y -l yes -d 'Do it without asking (required when there is no terminal to ask on)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -l reason -d 'Why (recorded in the audit log and shown to the artist)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do it without asking (required when there is no terminal to ask on)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -l reason -d 'Why (recorded in the audit log)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from dismiss" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -l reason -d 'Why (recorded in the audit log)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -s y -l yes -d 'Do it without asking (required when there is no terminal to ask on)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from ban" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -l reason -d 'Why (recorded in the audit log)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from unban" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -l reason -d 'Why (recorded in the audit log)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from role" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l query -d 'Only users whose name or email contains this' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l role -d 'Only users with this role' -r -f -a "buyer\t''
artist\t''
admin\t''"
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l banned -d 'Only banned users'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l all -d 'Fetch every page and print them as one list'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from users" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l actor -d 'Only actions by this admin (a user id)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l action -d 'Only this action: hide, restore, remove, dismiss, ban, unban, role, ...' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l target -d 'Only actions on this target (an artwork or user id)' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l since -d 'Only actions at or after this instant: RFC 3339, or an age like 7d' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l until -d 'Only actions before this instant: RFC 3339, or an age like 1h' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l limit -d 'Items per page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l cursor -d 'Continue from the `next_cursor` of a previous page' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l all -d 'Fetch every page and print them as one list'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "reports" -d 'The moderation queue: reported and flagged artworks, most recently reported first'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "flagged" -d 'Uploads flagged as near-duplicates of another artist\'s work'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "hide" -d 'Hide artworks from everyone but their owner and admins (resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Show hidden artworks again (upholds a pending appeal)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove artworks for good (buyers keep access; resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "dismiss" -d 'Dismiss every open report and near-duplicate flag of artworks'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "ban" -d 'Ban users: their sessions and access tokens end at once'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "unban" -d 'Lift bans'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "role" -d 'Change a user\'s role'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "users" -d 'List and search users'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "audit" -d 'Every admin action, newest first'
complete -c artstation -n "__fish_artstation_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l tag -d 'Only artworks with this tag' -r
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l category -d 'Only artworks in this category (a slug)' -r
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l sort -d 'Order of the gallery' -r -f -a "new\t'Newest first'
popular\t'Most favourited first'
price-asc\t'Cheapest first (by effective price)'
price-desc\t'Dearest first (by effective price)'"
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l image-protocol -d 'How to draw pictures in the terminal' -r -f -a "auto\t'Ask the terminal what it supports; Unicode half-blocks when it supports nothing better'
kitty\t'The kitty graphics protocol (kitty, WezTerm, Ghostty, Konsole)'
sixel\t'Sixel graphics (foot, mlterm, xterm -ti vt340, recent Windows Terminal)'
iterm2\t'iTerm2\'s inline images (iTerm2, WezTerm, mintty)'
halfblocks\t'Coloured Unicode half-blocks: works in any colour terminal'
none\t'No pictures, text only'"
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand browse" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand browse" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand browse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c artstation -n "__fish_artstation_using_subcommand browse" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "register" -d 'Create an account'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "login" -d 'Log in and store the session in the credential store'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "logout" -d 'End the session and forget the stored credentials'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "passwd" -d 'Change your password; every other session of yours ends'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "whoami" -d 'Show the logged-in user'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "auth" -d 'Inspect the stored session'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "upload" -d 'Upload image files or folders of images'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "list" -d 'List published artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "search" -d 'Search published artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "show" -d 'Show one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "edit" -d 'Change an artwork of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "price" -d 'Reprice one artwork, or many at once'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "publish" -d 'Publish a draft'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "rm" -d 'Delete an artwork of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "fav" -d 'Your favourite artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "follow" -d 'Follow an artist, to see their new works in `watch`'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "unfollow" -d 'Stop following an artist'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "watch" -d 'Print new works of the artists you follow as they appear (Ctrl-C to stop)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "buy" -d 'Buy an artwork with your wallet'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "library" -d 'The artworks you bought'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "download" -d 'Download the original of an artwork you bought or own, checking its SHA-256'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "wallet" -d 'Your wallet balances; `wallet topup` adds money'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "refund" -d 'Refund an order of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "sales" -d 'Your sales and earnings per currency'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "payout" -d 'Ask for a payout of your available earnings in one currency'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "licence" -d 'Licence certificates of your orders'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "report" -d 'Report an artwork to the moderators'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "reports" -d 'Your reports and what came of them'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "appeal" -d 'Appeal the hiding of an artwork of yours (once)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "admin" -d 'Moderation and user management (admins)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "browse" -d 'A full-screen gallery in the terminal, with pictures'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "doctor" -d 'Check the credential store, the server, the clock, the terminal and file permissions'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav follow unfollow watch buy library download wallet refund sales payout licence report reports appeal admin browse doctor completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show where credentials are stored and whether a session exists'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the current access token (refreshing it if needed), for scripts'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from price" -f -a "set" -d 'Set the price of one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from price" -f -a "bulk" -d 'Reprice several of your artworks at once, by a percentage or to one price'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from fav" -f -a "add" -d 'Add an artwork to your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from fav" -f -a "rm" -d 'Remove an artwork from your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from fav" -f -a "list" -d 'List your favourites'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from wallet" -f -a "topup" -d 'Add money to your wallet (sandbox payments only)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from licence" -f -a "show" -d 'Show the licence certificate of an order, or save it to a file'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from licence" -f -a "verify" -d 'Check a saved certificate\'s signature (offline once the keys are cached)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "reports" -d 'The moderation queue: reported and flagged artworks, most recently reported first'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "flagged" -d 'Uploads flagged as near-duplicates of another artist\'s work'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "hide" -d 'Hide artworks from everyone but their owner and admins (resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "restore" -d 'Show hidden artworks again (upholds a pending appeal)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "remove" -d 'Remove artworks for good (buyers keep access; resolves their reports)'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "dismiss" -d 'Dismiss every open report and near-duplicate flag of artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "ban" -d 'Ban users: their sessions and access tokens end at once'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "unban" -d 'Lift bans'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "role" -d 'Change a user\'s role'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "users" -d 'List and search users'
complete -c artstation -n "__fish_artstation_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "audit" -d 'Every admin action, newest first'
