
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
            cand show 'Show one artwork'
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
            cand --price 'Price in major units, e.g. 12.50'
            cand --currency 'ISO 4217 currency of the price'
            cand --tags 'Comma-separated tags'
            cand --category 'Category'
            cand --licence 'Licence granted to buyers'
            cand --edition 'Limited edition size'
            cand --server 'Gateway base URL'
            cand --profile 'Credential profile, to keep several accounts on one server'
            cand --draft 'Upload as drafts instead of publishing'
            cand --json 'Print one JSON document on stdout (errors as JSON on stderr)'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'artstation;list'= {
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
            cand show 'Show one artwork'
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
        &'artstation;help;show'= {
        }
        &'artstation;help;completions'= {
        }
        &'artstation;help;help'= {
        }
    ]
    $completions[$command]
}
