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
complete -c artstation -n "__fish_artstation_needs_command" -f -a "buy" -d 'Buy an artwork with your wallet'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "library" -d 'The artworks you bought'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "download" -d 'Download the original of an artwork you bought or own, checking its SHA-256'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "wallet" -d 'Your wallet balances; `wallet topup` adds money'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "refund" -d 'Refund an order of yours'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "sales" -d 'Your sales and earnings per currency'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "payout" -d 'Ask for a payout of your available earnings in one currency'
complete -c artstation -n "__fish_artstation_needs_command" -f -a "licence" -d 'Licence certificates of your orders'
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
complete -c artstation -n "__fish_artstation_using_subcommand list" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand list" -l profile -d 'Credential profile, to keep several accounts on one server' -r
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
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l server -d 'Gateway base URL' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l profile -d 'Credential profile, to keep several accounts on one server' -r
complete -c artstation -n "__fish_artstation_using_subcommand completions" -l json -d 'Print one JSON document on stdout (errors as JSON on stderr)'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s q -l quiet -d 'Print nothing but results and errors'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s h -l help -d 'Print help'
complete -c artstation -n "__fish_artstation_using_subcommand completions" -s V -l version -d 'Print version'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "register" -d 'Create an account'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "login" -d 'Log in and store the session in the credential store'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "logout" -d 'End the session and forget the stored credentials'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "passwd" -d 'Change your password; every other session of yours ends'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "whoami" -d 'Show the logged-in user'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "auth" -d 'Inspect the stored session'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "upload" -d 'Upload image files or folders of images'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "list" -d 'List published artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "search" -d 'Search published artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "show" -d 'Show one artwork'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "edit" -d 'Change an artwork of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "price" -d 'Reprice one artwork, or many at once'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "publish" -d 'Publish a draft'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "rm" -d 'Delete an artwork of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "fav" -d 'Your favourite artworks'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "buy" -d 'Buy an artwork with your wallet'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "library" -d 'The artworks you bought'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "download" -d 'Download the original of an artwork you bought or own, checking its SHA-256'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "wallet" -d 'Your wallet balances; `wallet topup` adds money'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "refund" -d 'Refund an order of yours'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "sales" -d 'Your sales and earnings per currency'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "payout" -d 'Ask for a payout of your available earnings in one currency'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "licence" -d 'Licence certificates of your orders'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c artstation -n "__fish_artstation_using_subcommand help; and not __fish_seen_subcommand_from register login logout passwd whoami auth upload list search show edit price publish rm fav buy library download wallet refund sales payout licence completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
