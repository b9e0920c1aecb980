
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'artstation' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'artstation'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'artstation' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in and store the session in the credential store')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the session and forget the stored credentials')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change your password; every other session of yours ends')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the logged-in user')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Inspect the stored session')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload image files or folders of images')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List published artworks')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search published artworks')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one artwork')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an artwork of yours')
            [CompletionResult]::new('price', 'price', [CompletionResultType]::ParameterValue, 'Reprice one artwork, or many at once')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a draft')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete an artwork of yours')
            [CompletionResult]::new('fav', 'fav', [CompletionResultType]::ParameterValue, 'Your favourite artworks')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow an artist, to see their new works in `watch`')
            [CompletionResult]::new('unfollow', 'unfollow', [CompletionResultType]::ParameterValue, 'Stop following an artist')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print new works of the artists you follow as they appear (Ctrl-C to stop)')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy an artwork with your wallet')
            [CompletionResult]::new('library', 'library', [CompletionResultType]::ParameterValue, 'The artworks you bought')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download the original of an artwork you bought or own, checking its SHA-256')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'Your wallet balances; `wallet topup` adds money')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund an order of yours')
            [CompletionResult]::new('sales', 'sales', [CompletionResultType]::ParameterValue, 'Your sales and earnings per currency')
            [CompletionResult]::new('payout', 'payout', [CompletionResultType]::ParameterValue, 'Ask for a payout of your available earnings in one currency')
            [CompletionResult]::new('licence', 'licence', [CompletionResultType]::ParameterValue, 'Licence certificates of your orders')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report an artwork to the moderators')
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'Your reports and what came of them')
            [CompletionResult]::new('appeal', 'appeal', [CompletionResultType]::ParameterValue, 'Appeal the hiding of an artwork of yours (once)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Moderation and user management (admins)')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'A full-screen gallery in the terminal, with pictures')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the credential store, the server, the clock, the terminal and file permissions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;register' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address (prompted on a terminal when absent)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'User name (prompted on a terminal when absent)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--artist', '--artist', [CompletionResultType]::ParameterName, 'Register as an artist, who can sell artworks')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;login' {
            [CompletionResult]::new('--login', '--login', [CompletionResultType]::ParameterName, 'Email or user name (prompted on a terminal when absent)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;logout' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'End every session of this account, on every device')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;passwd' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the current password from the first line of standard input and the new one from the second (for scripts; on a terminal you are prompted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;whoami' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;auth' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where credentials are stored and whether a session exists')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (refreshing it if needed), for scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;auth;status' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;auth;token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where credentials are stored and whether a session exists')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (refreshing it if needed), for scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;auth;help;status' {
            break
        }
        'artstation;auth;help;token' {
            break
        }
        'artstation;auth;help;help' {
            break
        }
        'artstation;upload' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Title of every uploaded artwork (default: from the file name)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description of every uploaded artwork')
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'Price in major units, e.g. 12.50 (required unless a manifest or sidecar gives one)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'ISO 4217 currency of the price')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Comma-separated tags')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category')
            [CompletionResult]::new('--licence', '--licence', [CompletionResultType]::ParameterName, 'Licence granted to buyers')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Limited edition size')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Per-file metadata: CSV (with a header) or JSON Lines, with a `path` column and any of title, description, tags, category, price, currency, licence, edition, draft. A sidecar `IMAGE.json` next to an image gives the same for that image. Every row is checked before anything is sent. Relative paths are read from the manifest''s folder')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Files uploaded at once')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Files uploaded at once')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the JSON report (uploaded, skipped, failed) to FILE')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Watch DIR and upload new and changed images as drafts until Ctrl-C')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, 5xx, 429) per file; 4xx answers are final')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--draft', '--draft', [CompletionResultType]::ParameterName, 'Upload as drafts instead of publishing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be uploaded and skipped, with which metadata, and send nothing')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Upload the valid rows of a manifest that has errors (by default nothing is sent)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;list' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only artworks with this tag')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only artworks in this category (a slug, see the categories of the server)')
            [CompletionResult]::new('--artist', '--artist', [CompletionResultType]::ParameterName, 'Only artworks by this artist')
            [CompletionResult]::new('--licence', '--licence', [CompletionResultType]::ParameterName, 'Only artworks sold under this licence')
            [CompletionResult]::new('--min-price', '--min-price', [CompletionResultType]::ParameterName, 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99')
            [CompletionResult]::new('--max-price', '--max-price', [CompletionResultType]::ParameterName, 'Highest effective price, in major units of --currency')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the results')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'With --mine: only works with this status')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--mine', '--mine', [CompletionResultType]::ParameterName, 'Your own works instead, drafts and hidden ones included, newest first')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;search' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only artworks with this tag')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only artworks in this category (a slug, see the categories of the server)')
            [CompletionResult]::new('--artist', '--artist', [CompletionResultType]::ParameterName, 'Only artworks by this artist')
            [CompletionResult]::new('--licence', '--licence', [CompletionResultType]::ParameterName, 'Only artworks sold under this licence')
            [CompletionResult]::new('--min-price', '--min-price', [CompletionResultType]::ParameterName, 'Lowest effective price, in major units of --currency, e.g. 10 or 9.99')
            [CompletionResult]::new('--max-price', '--max-price', [CompletionResultType]::ParameterName, 'Highest effective price, in major units of --currency')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of the artworks and of --min-price/--max-price (USD for the price bounds when absent)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the results')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;show' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;edit' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'New title')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description ('''' clears it)')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Comma-separated tags replacing the current ones ('''' removes every tag)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'New category')
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'New price in major units, e.g. 12.50')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of --price (default: the artwork''s current currency)')
            [CompletionResult]::new('--licence', '--licence', [CompletionResultType]::ParameterName, 'Licence granted to buyers')
            [CompletionResult]::new('--edition', '--edition', [CompletionResultType]::ParameterName, 'Make it a limited edition of N copies')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--no-category', '--no-category', [CompletionResultType]::ParameterName, 'Remove the category')
            [CompletionResult]::new('--open-edition', '--open-edition', [CompletionResultType]::ParameterName, 'Make it an open edition (no limit on copies)')
            [CompletionResult]::new('--draft', '--draft', [CompletionResultType]::ParameterName, 'Turn it back into a draft, hidden from the catalogue')
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Publish it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;price' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the price of one artwork')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Reprice several of your artworks at once, by a percentage or to one price')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;price;set' {
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of the price (default: the artwork''s current currency)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;price;bulk' {
            [CompletionResult]::new('--percent', '--percent', [CompletionResultType]::ParameterName, 'Change prices by this percentage, -90 to 1000 (e.g. -10 or 12.5); the server rounds to whole minor units, half away from zero')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set every price to this amount, in major units of --currency')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of --set')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Reprice every artwork of yours')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;price;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the price of one artwork')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Reprice several of your artworks at once, by a percentage or to one price')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;price;help;set' {
            break
        }
        'artstation;price;help;bulk' {
            break
        }
        'artstation;price;help;help' {
            break
        }
        'artstation;publish' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;rm' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;fav' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an artwork to your favourites')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an artwork from your favourites')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your favourites')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;fav;add' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;fav;rm' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;fav;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;fav;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an artwork to your favourites')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an artwork from your favourites')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your favourites')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;fav;help;add' {
            break
        }
        'artstation;fav;help;rm' {
            break
        }
        'artstation;fav;help;list' {
            break
        }
        'artstation;fav;help;help' {
            break
        }
        'artstation;follow' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;unfollow' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;watch' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Also print the works newer than this artwork id that you missed (at most a page)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;buy' {
            [CompletionResult]::new('--expected-price', '--expected-price', [CompletionResultType]::ParameterName, 'Refuse to pay unless the artwork costs exactly this, in major units (e.g. 12.50)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of --expected-price (default: the artwork''s)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Buy without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Buy without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;library' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;download' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'File or folder to save to (default: ./ID.EXT, the extension from the file''s type)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'File or folder to save to (default: ./ID.EXT, the extension from the file''s type)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;wallet' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('topup', 'topup', [CompletionResultType]::ParameterValue, 'Add money to your wallet (sandbox payments only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;wallet;topup' {
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'ISO 4217 currency of the amount')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;wallet;help' {
            [CompletionResult]::new('topup', 'topup', [CompletionResultType]::ParameterValue, 'Add money to your wallet (sandbox payments only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;wallet;help;topup' {
            break
        }
        'artstation;wallet;help;help' {
            break
        }
        'artstation;refund' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Refund without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Refund without asking (required when standard input is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;sales' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;payout' {
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency of the earnings to pay out')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;licence' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the licence certificate of an order, or save it to a file')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a saved certificate''s signature (offline once the keys are cached)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;licence;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the certificate (a compact JWS) to this file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the certificate (a compact JWS) to this file')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;licence;verify' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Verify with this key (a JWKS or a single JWK) instead of the server''s cached keys')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;licence;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the licence certificate of an order, or save it to a file')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a saved certificate''s signature (offline once the keys are cached)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;licence;help;show' {
            break
        }
        'artstation;licence;help;verify' {
            break
        }
        'artstation;licence;help;help' {
            break
        }
        'artstation;report' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the work should be looked at')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'What the moderators should know (at most 1000 characters)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;reports' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page and print them as one list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;appeal' {
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Why the work should be shown again (1 to 2000 characters)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'The moderation queue: reported and flagged artworks, most recently reported first')
            [CompletionResult]::new('flagged', 'flagged', [CompletionResultType]::ParameterValue, 'Uploads flagged as near-duplicates of another artist''s work')
            [CompletionResult]::new('hide', 'hide', [CompletionResultType]::ParameterValue, 'Hide artworks from everyone but their owner and admins (resolves their reports)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Show hidden artworks again (upholds a pending appeal)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove artworks for good (buyers keep access; resolves their reports)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Dismiss every open report and near-duplicate flag of artworks')
            [CompletionResult]::new('ban', 'ban', [CompletionResultType]::ParameterValue, 'Ban users: their sessions and access tokens end at once')
            [CompletionResult]::new('unban', 'unban', [CompletionResultType]::ParameterValue, 'Lift bans')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List and search users')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every admin action, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;admin;reports' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only artworks reported for this reason (near_duplicate: only flagged uploads)')
            [CompletionResult]::new('--min-age', '--min-age', [CompletionResultType]::ParameterName, 'Only items first reported at least this long ago: seconds, or 30m, 12h, 7d, 2w')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Only items first reported at most this long ago')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page and print them as one list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;flagged' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page and print them as one list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;hide' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log and shown to the artist)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;restore' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log and shown to the artist)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;remove' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log and shown to the artist)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;dismiss' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;ban' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when there is no terminal to ask on)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;unban' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;role' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit log)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;users' {
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Only users whose name or email contains this')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only users with this role')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--banned', '--banned', [CompletionResultType]::ParameterName, 'Only banned users')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page and print them as one list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;audit' {
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only actions by this admin (a user id)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action: hide, restore, remove, dismiss, ban, unban, role, ...')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Only actions on this target (an artwork or user id)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only actions at or after this instant: RFC 3339, or an age like 7d')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only actions before this instant: RFC 3339, or an age like 1h')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue from the `next_cursor` of a previous page')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Fetch every page and print them as one list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;admin;help' {
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'The moderation queue: reported and flagged artworks, most recently reported first')
            [CompletionResult]::new('flagged', 'flagged', [CompletionResultType]::ParameterValue, 'Uploads flagged as near-duplicates of another artist''s work')
            [CompletionResult]::new('hide', 'hide', [CompletionResultType]::ParameterValue, 'Hide artworks from everyone but their owner and admins (resolves their reports)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Show hidden artworks again (upholds a pending appeal)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove artworks for good (buyers keep access; resolves their reports)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Dismiss every open report and near-duplicate flag of artworks')
            [CompletionResult]::new('ban', 'ban', [CompletionResultType]::ParameterValue, 'Ban users: their sessions and access tokens end at once')
            [CompletionResult]::new('unban', 'unban', [CompletionResultType]::ParameterValue, 'Lift bans')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List and search users')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every admin action, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;admin;help;reports' {
            break
        }
        'artstation;admin;help;flagged' {
            break
        }
        'artstation;admin;help;hide' {
            break
        }
        'artstation;admin;help;restore' {
            break
        }
        'artstation;admin;help;remove' {
            break
        }
        'artstation;admin;help;dismiss' {
            break
        }
        'artstation;admin;help;ban' {
            break
        }
        'artstation;admin;help;unban' {
            break
        }
        'artstation;admin;help;role' {
            break
        }
        'artstation;admin;help;users' {
            break
        }
        'artstation;admin;help;audit' {
            break
        }
        'artstation;admin;help;help' {
            break
        }
        'artstation;browse' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only artworks with this tag')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only artworks in this category (a slug)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the gallery')
            [CompletionResult]::new('--image-protocol', '--image-protocol', [CompletionResultType]::ParameterName, 'How to draw pictures in the terminal')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;doctor' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;completions' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Gateway base URL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Credential profile, to keep several accounts on one server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout (errors as JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'artstation;help' {
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in and store the session in the credential store')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the session and forget the stored credentials')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change your password; every other session of yours ends')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the logged-in user')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Inspect the stored session')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Upload image files or folders of images')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List published artworks')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search published artworks')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one artwork')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an artwork of yours')
            [CompletionResult]::new('price', 'price', [CompletionResultType]::ParameterValue, 'Reprice one artwork, or many at once')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a draft')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete an artwork of yours')
            [CompletionResult]::new('fav', 'fav', [CompletionResultType]::ParameterValue, 'Your favourite artworks')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow an artist, to see their new works in `watch`')
            [CompletionResult]::new('unfollow', 'unfollow', [CompletionResultType]::ParameterValue, 'Stop following an artist')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Print new works of the artists you follow as they appear (Ctrl-C to stop)')
            [CompletionResult]::new('buy', 'buy', [CompletionResultType]::ParameterValue, 'Buy an artwork with your wallet')
            [CompletionResult]::new('library', 'library', [CompletionResultType]::ParameterValue, 'The artworks you bought')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download the original of an artwork you bought or own, checking its SHA-256')
            [CompletionResult]::new('wallet', 'wallet', [CompletionResultType]::ParameterValue, 'Your wallet balances; `wallet topup` adds money')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund an order of yours')
            [CompletionResult]::new('sales', 'sales', [CompletionResultType]::ParameterValue, 'Your sales and earnings per currency')
            [CompletionResult]::new('payout', 'payout', [CompletionResultType]::ParameterValue, 'Ask for a payout of your available earnings in one currency')
            [CompletionResult]::new('licence', 'licence', [CompletionResultType]::ParameterValue, 'Licence certificates of your orders')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report an artwork to the moderators')
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'Your reports and what came of them')
            [CompletionResult]::new('appeal', 'appeal', [CompletionResultType]::ParameterValue, 'Appeal the hiding of an artwork of yours (once)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Moderation and user management (admins)')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'A full-screen gallery in the terminal, with pictures')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the credential store, the server, the clock, the terminal and file permissions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'artstation;help;register' {
            break
        }
        'artstation;help;login' {
            break
        }
        'artstation;help;logout' {
            break
        }
        'artstation;help;passwd' {
            break
        }
        'artstation;help;whoami' {
            break
        }
        'artstation;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show where credentials are stored and whether a session exists')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the current access token (refreshing it if needed), for scripts')
            break
        }
        'artstation;help;auth;status' {
            break
        }
        'artstation;help;auth;token' {
            break
        }
        'artstation;help;upload' {
            break
        }
        'artstation;help;list' {
            break
        }
        'artstation;help;search' {
            break
        }
        'artstation;help;show' {
            break
        }
        'artstation;help;edit' {
            break
        }
        'artstation;help;price' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the price of one artwork')
            [CompletionResult]::new('bulk', 'bulk', [CompletionResultType]::ParameterValue, 'Reprice several of your artworks at once, by a percentage or to one price')
            break
        }
        'artstation;help;price;set' {
            break
        }
        'artstation;help;price;bulk' {
            break
        }
        'artstation;help;publish' {
            break
        }
        'artstation;help;rm' {
            break
        }
        'artstation;help;fav' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an artwork to your favourites')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an artwork from your favourites')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your favourites')
            break
        }
        'artstation;help;fav;add' {
            break
        }
        'artstation;help;fav;rm' {
            break
        }
        'artstation;help;fav;list' {
            break
        }
        'artstation;help;follow' {
            break
        }
        'artstation;help;unfollow' {
            break
        }
        'artstation;help;watch' {
            break
        }
        'artstation;help;buy' {
            break
        }
        'artstation;help;library' {
            break
        }
        'artstation;help;download' {
            break
        }
        'artstation;help;wallet' {
            [CompletionResult]::new('topup', 'topup', [CompletionResultType]::ParameterValue, 'Add money to your wallet (sandbox payments only)')
            break
        }
        'artstation;help;wallet;topup' {
            break
        }
        'artstation;help;refund' {
            break
        }
        'artstation;help;sales' {
            break
        }
        'artstation;help;payout' {
            break
        }
        'artstation;help;licence' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the licence certificate of an order, or save it to a file')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a saved certificate''s signature (offline once the keys are cached)')
            break
        }
        'artstation;help;licence;show' {
            break
        }
        'artstation;help;licence;verify' {
            break
        }
        'artstation;help;report' {
            break
        }
        'artstation;help;reports' {
            break
        }
        'artstation;help;appeal' {
            break
        }
        'artstation;help;admin' {
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'The moderation queue: reported and flagged artworks, most recently reported first')
            [CompletionResult]::new('flagged', 'flagged', [CompletionResultType]::ParameterValue, 'Uploads flagged as near-duplicates of another artist''s work')
            [CompletionResult]::new('hide', 'hide', [CompletionResultType]::ParameterValue, 'Hide artworks from everyone but their owner and admins (resolves their reports)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Show hidden artworks again (upholds a pending appeal)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove artworks for good (buyers keep access; resolves their reports)')
            [CompletionResult]::new('dismiss', 'dismiss', [CompletionResultType]::ParameterValue, 'Dismiss every open report and near-duplicate flag of artworks')
            [CompletionResult]::new('ban', 'ban', [CompletionResultType]::ParameterValue, 'Ban users: their sessions and access tokens end at once')
            [CompletionResult]::new('unban', 'unban', [CompletionResultType]::ParameterValue, 'Lift bans')
            [CompletionResult]::new('role', 'role', [CompletionResultType]::ParameterValue, 'Change a user''s role')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List and search users')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every admin action, newest first')
            break
        }
        'artstation;help;admin;reports' {
            break
        }
        'artstation;help;admin;flagged' {
            break
        }
        'artstation;help;admin;hide' {
            break
        }
        'artstation;help;admin;restore' {
            break
        }
        'artstation;help;admin;remove' {
            break
        }
        'artstation;help;admin;dismiss' {
            break
        }
        'artstation;help;admin;ban' {
            break
        }
        'artstation;help;admin;unban' {
            break
        }
        'artstation;help;admin;role' {
            break
        }
        'artstation;help;admin;users' {
            break
        }
        'artstation;help;admin;audit' {
            break
        }
        'artstation;help;browse' {
            break
        }
        'artstation;help;doctor' {
            break
        }
        'artstation;help;completions' {
            break
        }
        'artstation;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
