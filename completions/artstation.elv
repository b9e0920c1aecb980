
use builtin;
use str;

set edit:completion:arg-completer[artstation] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'artstation'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'artstation'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand register 'Create an account'
            cand login 'Log in and store the session in the credential store'
            cand logout 'End the session and forget the stored credentials'
            cand passwd 'Change your password; every other session of yours ends'
            cand whoami 'Show the logged-in user'
            cand auth 'Inspect the stored session'
            cand upload 'Upload image files or folders of images'
            cand list 'List published artworks'
            cand search 'Search published artworks'
            cand show 'Show one artwork'
            cand edit 'Change an artwork of yours'
            cand price 'Reprice one artwork, or many at once'
            cand publish 'Publish a draft'
            cand rm 'Delete an artwork of yours'
            cand fav 'Your favourite artworks'
            cand follow 'Follow an artist, to see their new works in `watch`'
            cand unfollow 'Stop following an artist'
            cand watch 'Print new works of the artists you follow as they appear (Ctrl-C to stop)'
            cand buy 'Buy an artwork with your wallet'
            cand library 'The artworks you bought'
            cand download 'Download the original of an artwork you bought or own, checking its SHA-256'
            cand wallet 'Your wallet balances; `wallet topup` adds money'
            cand refund 'Refund an order of yours'
            cand sales 'Your sales and earnings per currency'
            cand payout 'Ask for a payout of your available earnings in one currency'
            cand licence 'Licence certificates of your orders'
            cand report 'Report an artwork to the moderators'
            cand reports 'Your reports and what came of them'
            cand appeal 'Appeal the hiding of an artwork of yours (once)'
            cand admin 'Moderation and user management (admins)'
            cand browse 'A full-screen gallery in the terminal, with pictures'
            cand doctor 'Check the credential store, the server, the clock, the terminal and file permissions'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;register'= {
            cand --email 'Email address (prompted on a terminal when absent)'
            cand --username 'User name (prompted on a terminal when absent)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --artist 'Register as an artist, who can sell artworks'
            cand --password-stdin 'Read the password from the first line of standard input'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;login'= {
            cand --login 'Email or user name (prompted on a terminal when absent)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --password-stdin 'Read the password from the first line of standard input'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;logout'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'End every session of this account, on every device'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;passwd'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --password-stdin 'Read the current password from the first line of standard input and the new one from the second (for scripts; on a terminal you are prompted)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;whoami'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;auth'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show where credentials are stored and whether a session exists'
            cand token 'Print the current access token (refreshing it if needed), for scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;auth;status'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;auth;token'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;auth;help'= {
            cand status 'Show where credentials are stored and whether a session exists'
            cand token 'Print the current access token (refreshing it if needed), for scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;auth;help;status'= {
        }
        &'artstation;auth;help;token'= {
        }
        &'artstation;auth;help;help'= {
        }
        &'artstation;upload'= {
            cand --title 'Title of every uploaded artwork (default: from the file name)'
            cand --description 'Description of every uploaded artwork'
            cand --price 'Price in major units, e.g. 12.50 (required unless a manifest or sidecar gives one)'
            cand --currency 'ISO 4217 currency of the price'
            cand --tags 'Comma-separated tags'
            cand --category 'Category'
            cand --licence 'Licence granted to buyers'
            cand --edition 'Limited edition size'
            cand --manifest 'Per-file metadata: CSV (with a header) or JSON Lines, with a `path` column and any of title, description, tags, category, price, currency, licence, edition, draft. A sidecar `IMAGE.json` next to an image gives the same for that image. Every row is checked before anything is sent. Relative paths are read from the manifest''s folder'
            cand -j 'Files uploaded at once'
            cand --jobs 'Files uploaded at once'
            cand --report 'Write the JSON report (uploaded, skipped, failed) to FILE'
            cand --watch 'Watch DIR and upload new and changed images as drafts until Ctrl-C'
            cand --retries 'Retries of a transient failure (network, 5xx, 429) per file; 4xx answers are final'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --draft 'Upload as drafts instead of publishing'
            cand --dry-run 'Print what would be uploaded and skipped, with which metadata, and send nothing'
            cand --skip-invalid 'Upload the valid rows of a manifest that has errors (by default nothing is sent)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;list'= {
            cand --tag 'Only artworks with this tag'
            cand --category 'Only artworks in this category (a slug, see the categories of the server)'
            cand --artist 'Only artworks by this artist'
            cand --licence 'Only artworks sold under this licence'
            cand --min-price 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99'
            cand --max-price 'Highest effective price, in major units of --currency'
            cand --currency 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)'
            cand --sort 'Order of the results'
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --status 'With --mine: only works with this status'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --mine 'Your own works instead, drafts and hidden ones included, newest first'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;search'= {
            cand --tag 'Only artworks with this tag'
            cand --category 'Only artworks in this category (a slug, see the categories of the server)'
            cand --artist 'Only artworks by this artist'
            cand --licence 'Only artworks sold under this licence'
            cand --min-price 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99'
            cand --max-price 'Highest effective price, in major units of --currency'
            cand --currency 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)'
            cand --sort 'Order of the results'
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;show'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;edit'= {
            cand --title 'New title'
            cand --description 'New description ('''' clears it)'
            cand --tags 'Comma-separated tags replacing the current ones ('''' removes every tag)'
            cand --category 'New category'
            cand --price 'New price in major units, e.g. 12.50'
            cand --currency 'Currency of --price (default: the artwork''s current currency)'
            cand --licence 'Licence granted to buyers'
            cand --edition 'Make it a limited edition of N copies'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --no-category 'Remove the category'
            cand --open-edition 'Make it an open edition (no limit on copies)'
            cand --draft 'Turn it back into a draft, hidden from the catalogue'
            cand --publish 'Publish it'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;price'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set the price of one artwork'
            cand bulk 'Reprice several of your artworks at once, by a percentage or to one price'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;price;set'= {
            cand --currency 'Currency of the price (default: the artwork''s current currency)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;price;bulk'= {
            cand --percent 'Change prices by this percentage, -90 to 1000 (e.g. -10 or 12.5); the server rounds to whole minor units, half away from zero'
            cand --set 'Set every price to this amount, in major units of --currency'
            cand --currency 'Currency of --set'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'Reprice every artwork of yours'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;price;help'= {
            cand set 'Set the price of one artwork'
            cand bulk 'Reprice several of your artworks at once, by a percentage or to one price'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;price;help;set'= {
        }
        &'artstation;price;help;bulk'= {
        }
        &'artstation;price;help;help'= {
        }
        &'artstation;publish'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;rm'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Delete without asking (required when standard input is not a terminal)'
            cand --yes 'Delete without asking (required when standard input is not a terminal)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;fav'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an artwork to your favourites'
            cand rm 'Remove an artwork from your favourites'
            cand list 'List your favourites'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;fav;add'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;fav;rm'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;fav;list'= {
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;fav;help'= {
            cand add 'Add an artwork to your favourites'
            cand rm 'Remove an artwork from your favourites'
            cand list 'List your favourites'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;fav;help;add'= {
        }
        &'artstation;fav;help;rm'= {
        }
        &'artstation;fav;help;list'= {
        }
        &'artstation;fav;help;help'= {
        }
        &'artstation;follow'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;unfollow'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;watch'= {
            cand --since 'Also print the works newer than this artwork id that you missed (at most a page)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;buy'= {
            cand --expected-price 'Refuse to pay unless the artwork costs exactly this, in major units (e.g. 12.50)'
            cand --currency 'Currency of --expected-price (default: the artwork''s)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Buy without asking (required when standard input is not a terminal)'
            cand --yes 'Buy without asking (required when standard input is not a terminal)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;library'= {
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;download'= {
            cand -o 'File or folder to save to (default: ./ID.EXT, the extension from the file''s type)'
            cand --output 'File or folder to save to (default: ./ID.EXT, the extension from the file''s type)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --force 'Replace an existing file'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;wallet'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand topup 'Add money to your wallet (sandbox payments only)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;wallet;topup'= {
            cand --currency 'ISO 4217 currency of the amount'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;wallet;help'= {
            cand topup 'Add money to your wallet (sandbox payments only)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;wallet;help;topup'= {
        }
        &'artstation;wallet;help;help'= {
        }
        &'artstation;refund'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Refund without asking (required when standard input is not a terminal)'
            cand --yes 'Refund without asking (required when standard input is not a terminal)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;sales'= {
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;payout'= {
            cand --currency 'Currency of the earnings to pay out'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;licence'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the licence certificate of an order, or save it to a file'
            cand verify 'Check a saved certificate''s signature (offline once the keys are cached)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;licence;show'= {
            cand -o 'Write the certificate (a compact JWS) to this file'
            cand --output 'Write the certificate (a compact JWS) to this file'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;licence;verify'= {
            cand --key 'Verify with this key (a JWKS or a single JWK) instead of the server''s cached keys'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;licence;help'= {
            cand show 'Show the licence certificate of an order, or save it to a file'
            cand verify 'Check a saved certificate''s signature (offline once the keys are cached)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;licence;help;show'= {
        }
        &'artstation;licence;help;verify'= {
        }
        &'artstation;licence;help;help'= {
        }
        &'artstation;report'= {
            cand --reason 'Why the work should be looked at'
            cand --note 'What the moderators should know (at most 1000 characters)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;reports'= {
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'Fetch every page and print them as one list'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;appeal'= {
            cand --message 'Why the work should be shown again (1 to 2000 characters)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand reports 'The moderation queue: reported and flagged artworks, most recently reported first'
            cand flagged 'Uploads flagged as near-duplicates of another artist''s work'
            cand hide 'Hide artworks from everyone but their owner and admins (resolves their reports)'
            cand restore 'Show hidden artworks again (upholds a pending appeal)'
            cand remove 'Remove artworks for good (buyers keep access; resolves their reports)'
            cand dismiss 'Dismiss every open report and near-duplicate flag of artworks'
            cand ban 'Ban users: their sessions and access tokens end at once'
            cand unban 'Lift bans'
            cand role 'Change a user''s role'
            cand users 'List and search users'
            cand audit 'Every admin action, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;admin;reports'= {
            cand --reason 'Only artworks reported for this reason (near_duplicate: only flagged uploads)'
            cand --min-age 'Only items first reported at least this long ago: seconds, or 30m, 12h, 7d, 2w'
            cand --max-age 'Only items first reported at most this long ago'
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'Fetch every page and print them as one list'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;flagged'= {
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'Fetch every page and print them as one list'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;hide'= {
            cand --reason 'Why (recorded in the audit log and shown to the artist)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Do it without asking (required when there is no terminal to ask on)'
            cand --yes 'Do it without asking (required when there is no terminal to ask on)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;restore'= {
            cand --reason 'Why (recorded in the audit log and shown to the artist)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Do it without asking (required when there is no terminal to ask on)'
            cand --yes 'Do it without asking (required when there is no terminal to ask on)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;remove'= {
            cand --reason 'Why (recorded in the audit log and shown to the artist)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Do it without asking (required when there is no terminal to ask on)'
            cand --yes 'Do it without asking (required when there is no terminal to ask on)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;dismiss'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;ban'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand -y 'Do it without asking (required when there is no terminal to ask on)'
            cand --yes 'Do it without asking (required when there is no terminal to ask on)'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;unban'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;role'= {
            cand --reason 'Why (recorded in the audit log)'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;users'= {
            cand --query 'Only users whose name or email contains this'
            cand --role 'Only users with this role'
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --banned 'Only banned users'
            cand --all 'Fetch every page and print them as one list'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;audit'= {
            cand --actor 'Only actions by this admin (a user id)'
            cand --action 'Only this action: hide, restore, remove, dismiss, ban, unban, role, ...'
            cand --target 'Only actions on this target (an artwork or user id)'
            cand --since 'Only actions at or after this instant: RFC 3339, or an age like 7d'
            cand --until 'Only actions before this instant: RFC 3339, or an age like 1h'
            cand --limit 'Items per page'
            cand --cursor 'Continue from the `next_cursor` of a previous page'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --all 'Fetch every page and print them as one list'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;admin;help'= {
            cand reports 'The moderation queue: reported and flagged artworks, most recently reported first'
            cand flagged 'Uploads flagged as near-duplicates of another artist''s work'
            cand hide 'Hide artworks from everyone but their owner and admins (resolves their reports)'
            cand restore 'Show hidden artworks again (upholds a pending appeal)'
            cand remove 'Remove artworks for good (buyers keep access; resolves their reports)'
            cand dismiss 'Dismiss every open report and near-duplicate flag of artworks'
            cand ban 'Ban users: their sessions and access tokens end at once'
            cand unban 'Lift bans'
            cand role 'Change a user''s role'
            cand users 'List and search users'
            cand audit 'Every admin action, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;admin;help;reports'= {
        }
        &'artstation;admin;help;flagged'= {
        }
        &'artstation;admin;help;hide'= {
        }
        &'artstation;admin;help;restore'= {
        }
        &'artstation;admin;help;remove'= {
        }
        &'artstation;admin;help;dismiss'= {
        }
        &'artstation;admin;help;ban'= {
        }
        &'artstation;admin;help;unban'= {
        }
        &'artstation;admin;help;role'= {
        }
        &'artstation;admin;help;users'= {
        }
        &'artstation;admin;help;audit'= {
        }
        &'artstation;admin;help;help'= {
        }
        &'artstation;browse'= {
            cand --tag 'Only artworks with this tag'
            cand --category 'Only artworks in this category (a slug)'
            cand --sort 'Order of the gallery'
            cand --image-protocol 'How to draw pictures in the terminal'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;doctor'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;completions'= {
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;help'= {
            cand register 'Create an account'
            cand login 'Log in and store the session in the credential store'
            cand logout 'End the session and forget the stored credentials'
            cand passwd 'Change your password; every other session of yours ends'
            cand whoami 'Show the logged-in user'
            cand auth 'Inspect the stored session'
            cand upload 'Upload image files or folders of images'
            cand list 'List published artworks'
            cand search 'Search published artworks'
            cand show 'Show one artwork'
            cand edit 'Change an artwork of yours'
            cand price 'Reprice one artwork, or many at once'
            cand publish 'Publish a draft'
            cand rm 'Delete an artwork of yours'
            cand fav 'Your favourite artworks'
            cand follow 'Follow an artist, to see their new works in `watch`'
            cand unfollow 'Stop following an artist'
            cand watch 'Print new works of the artists you follow as they appear (Ctrl-C to stop)'
            cand buy 'Buy an artwork with your wallet'
            cand library 'The artworks you bought'
            cand download 'Download the original of an artwork you bought or own, checking its SHA-256'
            cand wallet 'Your wallet balances; `wallet topup` adds money'
            cand refund 'Refund an order of yours'
            cand sales 'Your sales and earnings per currency'
            cand payout 'Ask for a payout of your available earnings in one currency'
            cand licence 'Licence certificates of your orders'
            cand report 'Report an artwork to the moderators'
            cand reports 'Your reports and what came of them'
            cand appeal 'Appeal the hiding of an artwork of yours (once)'
            cand admin 'Moderation and user management (admins)'
            cand browse 'A full-screen gallery in the terminal, with pictures'
            cand doctor 'Check the credential store, the server, the clock, the terminal and file permissions'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'artstation;help;register'= {
        }
        &'artstation;help;login'= {
        }
        &'artstation;help;logout'= {
        }
        &'artstation;help;passwd'= {
        }
        &'artstation;help;whoami'= {
        }
        &'artstation;help;auth'= {
            cand status 'Show where credentials are stored and whether a session exists'
            cand token 'Print the current access token (refreshing it if needed), for scripts'
        }
        &'artstation;help;auth;status'= {
        }
        &'artstation;help;auth;token'= {
        }
        &'artstation;help;upload'= {
        }
        &'artstation;help;list'= {
        }
        &'artstation;help;search'= {
        }
        &'artstation;help;show'= {
        }
        &'artstation;help;edit'= {
        }
        &'artstation;help;price'= {
            cand set 'Set the price of one artwork'
            cand bulk 'Reprice several of your artworks at once, by a percentage or to one price'
        }
        &'artstation;help;price;set'= {
        }
        &'artstation;help;price;bulk'= {
        }
        &'artstation;help;publish'= {
        }
        &'artstation;help;rm'= {
        }
        &'artstation;help;fav'= {
            cand add 'Add an artwork to your favourites'
            cand rm 'Remove an artwork from your favourites'
            cand list 'List your favourites'
        }
        &'artstation;help;fav;add'= {
        }
        &'artstation;help;fav;rm'= {
        }
        &'artstation;help;fav;list'= {
        }
        &'artstation;help;follow'= {
        }
        &'artstation;help;unfollow'= {
        }
        &'artstation;help;watch'= {
        }
        &'artstation;help;buy'= {
        }
        &'artstation;help;library'= {
        }
        &'artstation;help;download'= {
        }
        &'artstation;help;wallet'= {
            cand topup 'Add money to your wallet (sandbox payments only)'
        }
        &'artstation;help;wallet;topup'= {
        }
        &'artstation;help;refund'= {
        }
        &'artstation;help;sales'= {
        }
        &'artstation;help;payout'= {
        }
        &'artstation;help;licence'= {
            cand show 'Show the licence certificate of an order, or save it to a file'
            cand verify 'Check a saved certificate''s signature (offline once the keys are cached)'
        }
        &'artstation;help;licence;show'= {
        }
        &'artstation;help;licence;verify'= {
        }
        &'artstation;help;report'= {
        }
        &'artstation;help;reports'= {
        }
        &'artstation;help;appeal'= {
        }
        &'artstation;help;admin'= {
            cand reports 'The moderation queue: reported and flagged artworks, most recently reported first'
            cand flagged 'Uploads flagged as near-duplicates of another artist''s work'
            cand hide 'Hide artworks from everyone but their owner and admins (resolves their reports)'
            cand restore 'Show hidden artworks again (upholds a pending appeal)'
            cand remove 'Remove artworks for good (buyers keep access; resolves their reports)'
            cand dismiss 'Dismiss every open report and near-duplicate flag of artworks'
            cand ban 'Ban users: their sessions and access tokens end at once'
            cand unban 'Lift bans'
            cand role 'Change a user''s role'
            cand users 'List and search users'
            cand audit 'Every admin action, newest first'
        }
        &'artstation;help;admin;reports'= {
        }
        &'artstation;help;admin;flagged'= {
        }
        &'artstation;help;admin;hide'= {
        }
        &'artstation;help;admin;restore'= {
        }
        &'artstation;help;admin;remove'= {
        }
        &'artstation;help;admin;dismiss'= {
        }
        &'artstation;help;admin;ban'= {
        }
        &'artstation;help;admin;unban'= {
        }
        &'artstation;help;admin;role'= {
        }
        &'artstation;help;admin;users'= {
        }
        &'artstation;help;admin;audit'= {
        }
        &'artstation;help;browse'= {
        }
        &'artstation;help;doctor'= {
        }
        &'artstation;help;completions'= {
        }
        &'artstation;help;help'= {
        }
    ]
    $completions[$command]
}
