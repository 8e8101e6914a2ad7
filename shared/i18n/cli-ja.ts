import type { CliMessages } from './cli-en.js';

/** コマンドライン（`ca-bridge …`）の日本語。コード、フラグ、コマンド、パス、ファイル名はそのまま残します。 */
export const cliJa: CliMessages = {
  usage:
    '使い方: ca-bridge <コマンド> [オプション] [--lang en|ja] [--verbose]\n\nコマンド:\n{{rows}}\n\n' +
    '各コマンドのオプションは「ca-bridge help <コマンド>」（または「ca-bridge <コマンド> --help」）で表示します。\n' +
    '--verbose を付けると、処理の記録を標準エラー出力に書きます（認証情報は除きます）。\n' +
    '--lang で表示の言語を選べます（既定: LC_ALL、LC_MESSAGES、LANG の順に判断）。JSON 出力はどの言語でも同じです。\n',
  command: {
    detect: 'このネットワークが TLS インスペクションをしているか、誰が、どの CA で行っているかを調べます',
    export: 'インスペクション CA（PEM、DER）と結合バンドルをフォルダーに書き出します',
    snippets: '書き出した CA 用の環境変数とツールごとの設定を表示します',
    apply: '環境変数をシェルのプロファイルに書き込みます（印付きのブロック、バックアップあり）',
    revert: 'apply が書いた内容を取り除き、プロファイルを元に戻します',
    verify: '書き出した CA が効くことを、サイトごとと、この PC の実際のツールで確かめます',
    check: '1 つのホストの証明書チェーンを診断します（期限、名前、中間証明書の不足、インスペクションなど）',
    explain: '貼り付けた TLS エラーの意味、この環境で考えられる原因、対処を説明します',
    ui: 'ブラウザーで画面を開きます（127.0.0.1 のみ、トークンで保護）',
    doctor: '検証を無効にする設定や、存在しない・期限切れの CA を指す設定を見つけます',
    status: 'セットアップがまだ機能しているかを確かめます。スクリプトや MDM 向けの終了コード付き（docs/status.md）',
  },
  usageError: {
    unknownCommand: '「{{name}}」というコマンドはありません',
    unknownOption: '{{flag}} というオプションはありません',
    didYouMean: '「{{suggestion}}」のことですか?',
    unexpectedArgument: '余分な引数があります: {{arg}}',
    needsValue: 'オプション {{flag}} には値が必要です',
    booleanValue: '{{flag}} はスイッチです。単独で、または {{flag}}=yes か {{flag}}=no の形で指定してください（指定値: 「{{value}}」）',
    notWholeNumber: '{{flag}} の「{{value}}」は整数ではありません',
    outOfRange: '{{flag}} は {{min}} 以上 {{max}} 以下にしてください（指定値: {{value}}）',
    badLang: '--lang の「{{value}}」は en、ja のどちらでもありません',
    noHost: '調べる HOST[:PORT] を指定してください',
    oneHost: '一度に指定できるホストは 1 つです（指定: {{hosts}}）',
    sniExclusive: '--sni と --no-sni は同時に指定できません',
    revertNoDir: 'revert には --dir を指定しません',
    allIsForRevert: '--all は revert 用のオプションです',
    entryIsForRevert: '--entry は revert 用のオプションです',
    toolsIsForApply: '--tools は apply 用のオプションです。revert には --tool NAME か --all を指定してください',
    toolsInstalledOnly: '--tools に指定できるのは「installed」だけです（または --tool NAME を使ってください）',
    revertToolsNoShell: 'revert --all/--tool には --shell と --profile を指定しません',
    noText: 'エラーの文章を引数で渡すか、パイプで渡してください: some-command 2>&1 | ca-bridge explain',
    noProxyUser: '--proxy-user: ユーザー名を指定してください（DOMAIN\\user または user@domain）',
    noPassword: '--proxy-user: パスワードを {{variable}} に設定するか、端末で実行して入力してください',
    portInUse: '--port {{port}}: 127.0.0.1 のポート {{port}} はすでに使われています。別のポートを選ぶか、--port を省いてください',
    portDenied: '--port {{port}}: ポート {{port}} では待ち受けできません。1023 より大きい番号を選ぶか、--port を省いてください',
    notBuilt: '画面がビルドされていません（{{dir}} がありません）。「npm run build」を実行してください',
    passwordInProxy:
      '--proxy: プロキシのアドレスにパスワードを含めると、プロセス一覧、シェルの履歴、画面から見えてしまいます。アドレスにはユーザー名だけを入れ、パスワードは画面のパスワード欄で入力してください',
    badValue: '{{what}}（{{detail}}）',
    // status、export --refresh、--expect-fingerprint（issue 21）
    badFingerprint: '--expect-fingerprint "{{value}}" は SHA-256 フィンガープリントではありません（16 進数 64 桁。コロンは省略可）',
    expectFingerprintForTools: '--expect-fingerprint は apply --tool NAME か --tools installed と一緒に使います',
    refreshExcludes: '--refresh は台帳に記録されたフォルダーへ書き込みます: {{flag}} とは一緒に使えません',
    profileNeedsShell: '--profile はブロックを書くプロファイルを指定します: --shell も指定するか、--profile を外してください',
  },
  passwordPrompt: 'プロキシユーザー {{user}} のパスワード: ',
  flag: {
    targets: '調べるサイト（既定: 異なる CA 系列の公開サイト {{count}} か所）',
    proxy:
      'プロキシの URL（http://、https://（プロキシまで TLS）、socks4://、socks4a://、socks5://、socks5h:// のいずれかで [user@]host:port、パーセントエンコード）、"direct"、PAC ファイル（pac+http://…、pac+file:///…）、または "system"（既定: OS やデスクトップの設定。自動検出が有効なら DNS で WPAD ファイルを探します。次に HTTPS_PROXY/ALL_PROXY、NO_PROXY）',
    'proxy-user':
      'NTLM、Basic、SOCKS 5 のプロキシユーザー（SOCKS 4 ではユーザー ID、パスワードは空。Windows では Negotiate も）。パスワードは CA_BRIDGE_PROXY_PASSWORD か入力欄から取ります。ログオン中のユーザーでサインインする Windows では不要です',
    'connect-to': 'H:P への接続を A:AP へ向けます（繰り返し可、curl と同じ）',
    'public-roots': 'Node 内蔵の公開ルートの代わりに使う PEM ファイル',
    'trust-store': 'OS の信頼ストアの代わりに使う PEM ファイルまたはフォルダー',
    timeout: 'サイトごとの制限時間（ミリ秒、既定 {{timeout}}）',
    concurrency: '同時に調べるサイト数（既定 {{concurrency}}）',
    json: 'JSON 文書を 1 つ出力します（どの言語でも同じ内容）',
    help: 'このヘルプを表示します',
    lang: '表示の言語: en または ja（既定: LC_ALL、LC_MESSAGES、LANG から判断）',
    out: '書き出し先のフォルダー（なければ作成）',
    from: '検出の代わりに、IT 部門から受け取った CA ファイル（PEM、DER の .crt/.cer、PKCS#7 の .p7b）を使います',
    'no-detect': '--from と一緒に使い、その CA がインスペクションされたチェーンに署名しているかの確認を省きます',
    'accept-untrusted':
      'OS が信頼していなくても、プロキシが送ってきたルートを書き出します（先に SHA-256 フィンガープリントを IT 部門の公開値と照合してください）',
    force: '既存のファイルを置き換えます（それぞれ日時付きの .bak コピーを残します）',
    dir: 'ca-bridge export が書き出したフォルダー',
    shell: '対象のシェル（既定: SHELL から判断したシェル。Windows では PowerShell）',
    tool: 'ツールの行を 1 つ指定（繰り返し可）: {{tools}}',
    tools: '「installed」を指定すると、プログラムが PATH にあるすべての行が対象になります',
    all: 'revert 用: 記録されたすべての変更を、新しいものから元に戻します',
    entry: 'revert 用: 記録されたこの 1 件の変更だけを元に戻します（複数指定可。ID は apply --json と doctor --fix --json が示します）',
    'confirm-proxy':
      'ネットワーク上で見つかった WPAD ファイルだけが指定しているプロキシにも、認証情報を送ります（繰り返し可）。指定しなければ、そのようなプロキシには送りません（docs/threat-model.md）',
    profile: 'シェルのプロファイルの代わりにこのファイルに書きます',
    'dry-run': '変更を差分で表示するだけで、何も書きません',
    sni: '送るサーバー名（既定: ホスト名）',
    'no-sni': 'サーバー名を送りません',
    ca: 'この CA ファイルでもチェーンを確かめます',
    'client-cert': 'クライアント証明書を求めるサーバー用の証明書（PEM）',
    'client-key': 'その秘密鍵（PEM）',
    detection: '原因の判断に使う、保存済みの "detect --json" の結果（既定: 最後の detect）',
    port: '待ち受けるポート（既定: 空いているポート）',
    'no-open': 'ブラウザーを開かず、URL を表示するだけにします',
    cwd: '設定ファイル（.npmrc、.git/config、uv.toml など）を数に入れるプロジェクトのフォルダー',
    fix: '検証を無効にする行を、それなしでツールが通ると証明できたら取り除きます（上を参照）',
    url: '--fix のとき: ツールが証明のリクエストを送る、インスペクションの向こうのサイト',
    // Issue 18 (prove4): 証明する構成。
    prove:
      '証明する構成: applied（apply が書いたもの、台帳の記録どおり）または session（snippets が表示する設定）。既定: 台帳に有効な変更があれば applied、なければ session',
    relay:
      'ツールを http://HOST:PORT のローカルの中継（px、cntlm）経由で動かします。中継がツールの代わりにプロキシへサインインします。サイトの確認はこれまでどおりプロキシ自身を通して行います',
    // Fleet roll-out (issue 21): apply's unattended switch.
    yes: '無人実行: 何も尋ねません（端末では、これがないと --tools installed は変更内容を示してから確認します）',
    // status、export --refresh、--expect-fingerprint（issue 21）
    offline: '台帳とファイルだけを読み、サイトには接続しません',
    refresh: '今の CA を台帳に記録されたフォルダーへ書き直し、Java のトラストストアと NSS のコピーを作り直します',
    'expect-fingerprint': '想定している CA の SHA-256（繰り返し可）。それ以外の CA は拒否し、何も書き込みません',
  },
  uiPreset: {
    targets: '画面の「調べるサイト」にあらかじめ入れておく値',
    proxy: '画面の「プロキシ」にあらかじめ入れておく値（detect と同じ形式の URL。パスワードは含めず、画面のパスワード欄で入力します）',
    'public-roots': '画面の公開ルートファイルにあらかじめ入れておく値',
    'trust-store': '画面の信頼ストアのファイルまたはフォルダーにあらかじめ入れておく値',
  },
  help: {
    detect:
      '使い方: ca-bridge detect [オプション]\n\n複数の HTTPS サイトに接続し、このネットワークが TLS インスペクションをしているか、誰が行っているか、\n偽の証明書にどのルート CA が署名しているかを調べます。\n\n{{options}}\n\n終了コード: 実行が完了すれば 0（判定にかかわらず）、使い方の誤りは 2。\n',
    export:
      '使い方: ca-bridge export --out DIR [detect のオプション] [--from FILE] [--accept-untrusted] [--force]\n                         [--expect-fingerprint SHA256]... [--json]\n        ca-bridge export --refresh [detect のオプション] [--expect-fingerprint SHA256]... [--json]\n\nインスペクションのルート CA を（OS の信頼ストアから）見つけ、DIR に次のファイルを書きます:\n  corporate-ca.pem   CA（とチェーンに必要な中間証明書）。それぞれに説明のコメント付き\n  corporate-ca.crt   DER 形式のルート。Windows と macOS でダブルクリックして取り込めます\n  ca-bundle.pem      公開ルートと CA。既定の信頼先を置き換える（REPLACE）設定のツール用\n  corporate-ca-<SHA-256 の先頭 16 桁>.crt\n                     インスペクションするものが複数あるとき（PAC の経路ごと、プロキシごと、DIRECT）: 信頼された\n                     ほかの CA をそれぞれ DER 形式で。2 つの PEM ファイルにはすべてが入ります。信頼されていないものは名前だけ示し、書きません。\n  ca-bundle-merged.pem\n                     あなた自身の CA ファイル（PIP_CERT、REQUESTS_CA_BUNDLE など、pip.conf の cert、npmrc の cafile、\n                     git の http.sslCAInfo）に、バンドルにないルートがあるときだけ: それらのルートとバンドル。セッションの設定は、\n                     あなたのファイルを置き換える・上書きする変数をこのファイルに向けるので、信頼していたルートが消えることはありません。\n\n--refresh は、ネットワークが今提示している CA を、台帳に記録されたフォルダーへ同じファイル名で書き直します（書き出しに\n結合したバンドルがあればそれも）。どのファイルも台帳を通してアトミックに書き、バックアップを残します。続いて Java の\nトラストストアを作り直し、CA Bridge が古い CA をコピーしていた NSS データベースに新しい CA を入れます（古いコピーは\n取り除きます）。「ca-bridge revert --tool export」で古いファイルに戻せます。システムのストアには書き込みません。\n--expect-fingerprint（コロンは省略可。CA が 2 つあれば繰り返し指定）: それ以外の CA は拒否し、何も書き込みません。\n--refresh と一緒なら、まさにその CA については --accept-untrusted の代わりにもなります。\n\n{{options}}\n\n書き出しはすべて台帳に記録されます（フォルダー、ファイル、フィンガープリント）。「ca-bridge status」がそれを確かめます。\n終了コード: 書き出せたら 0、CA を決められない（または --accept-untrusted なしで信頼されていない、または\n--expect-fingerprint のどれでもない）ときは 1、使い方の誤りは 2（記録された書き出しがないのに --refresh を指定したときも）。\n',
    verify:
      '使い方: ca-bridge verify --dir DIR [--prove applied|session] [detect のオプション] [--json]\n\n書き出したファイルが使えることを確かめます。サイトをもう一度調べ、それぞれのチェーンを、公開ルートと\nDIR/corporate-ca.pem（NODE_EXTRA_CA_CERTS と同じ）で、また DIR/ca-bundle.pem だけ（REPLACE の設定と同じ）で\n検証します。次に、この PC で見つかった各ツールで、同じプロキシを通して実際にリクエストを 1 回送ります。使うのは\nあなた自身の設定（環境変数、HOME、あらゆる階層の設定ファイル、このフォルダーのプロジェクトのファイル）に、\nCA Bridge が加えるものを足したものです: 「ca-bridge apply」が書いて今も有効なもの（台帳: プロファイルのブロックの\n環境変数、各ツール自身の設定、Java のストア。1 つでもあればこれが既定）、なければ「ca-bridge snippets」が表示する\nセッションの設定です（--prove でどちらかを選べます）。apply が書いたものを証明するとき、apply が何も設定していない\nツールは「未設定」とし、その設定を次の手順として示します。さらに、わざと間違えて作った CA で同じリクエストを\nもう一度送ります（陰性対照）。対照でも成功するツールは決して「成功」にはならず、「検証が無効」（その設定を示します）、\n「あなた自身の設定で成功」、「証明できず」のどれかになります。\n\n{{options}}\n\nプロキシにサインインできないツール（プロキシが NTLM か Negotiate を求め、ツールは Basic しか話せない。独自の NTLM を\n持つのは curl と git だけ）は PROXY-AUTH と表示します。CA は正しく、そのツールには中継（リレー）が必要です。\nツールに資格情報を渡すのは、プロキシが示し、かつツールが話せる方式のときだけで、NTLM/Negotiate と並べて Basic で渡すことはありません。\n\n終了コード: 実行できたものがすべて成功すれば 0、サイトやツールのどれかが失敗した・検証が無効・証明できない・\nプロキシにサインインできない（PROXY-AUTH）ときは 1、使い方の誤りは 2。\n',
    check:
      '使い方: ca-bridge check HOST[:PORT] [オプション]\n\n1 つの TLS 接続先を診断します。提示されたチェーンを表示し、見つかった問題を対処とともに挙げます:\n  {{findings}}\n\n{{options}}\n\n終了コード: 接続先に届けば 0（結果にかかわらず）、届かなければ 1、使い方の誤りは 2。\n',
    explain:
      '使い方: ca-bridge explain [TEXT] [--detection FILE] [--lang en|ja] [--json]\n       some-command 2>&1 | ca-bridge explain\n\nNode/npm、Python/pip、curl、OpenSSL、Git、wget、Java、Go、.NET、Ruby、Docker、AWS CLI、ブラウザーの\n証明書エラーを文章のどこからでも（ログ全体やスタックトレースでも）見つけ、それぞれの意味、この PC で\n考えられる原因（最後の「ca-bridge detect」、または --detection FILE から判断）、対処を示します。\n--json では、文章の欄の言語は --lang だけで変わります。\n\n{{options}}\n\n終了コード: 0（何も見つからないときも）、使い方の誤りは 2。\n',
    snippets:
      '使い方: ca-bridge snippets --dir DIR [--shell NAME] [--tool NAME]... [--lang en|ja] [--json]\n\n--tool なし: 書き出した CA を開発ツールに渡す環境変数を、このセッションだけに効く形で表示します\n（そのまま貼り付けても eval しても安全です）。それぞれ、ツールの既定に追加する（ADD → corporate-ca.pem）か、\n置き換える（REPLACE → ca-bundle.pem）かを示します。\n--tool あり: そのツールの設定を表示します。設定ファイルを変えるコマンドには、何が変わるかと元に戻し方を添えます。\nファイルの断片は見出し付きで標準エラー出力に出し、シェル用の出力には混ぜません。\n注記はシェルのコメントにします。ただし zsh（対話モードでは # の行も実行されます）では標準エラー出力に出します。\n--json では、文章の欄の言語は --lang だけで変わります。\n\n{{options}}\n',
    apply:
      '使い方: ca-bridge apply --dir DIR [--shell NAME] [--profile FILE] [--dry-run] [--json]\n        ca-bridge apply --dir DIR --tool NAME... | --tools installed [--yes] [--shell NAME] [--dry-run] [--json]\n        ca-bridge revert [--shell NAME] [--profile FILE] [--dry-run] [--json]\n        ca-bridge revert --all | --tool NAME... | --entry ID... [--dry-run] [--json]\n\napply は、印を付けた環境変数のブロックを 1 つ、シェルのプロファイルに書き込みます（Windows で --shell cmd の\nときはユーザー環境変数に）。2 回実行しても何も変わりません。ファイルの日時付きバックアップを残し、ブロックの外には\n触れません。revert はそのブロックを取り除き、ファイルを apply の前と 1 バイトも違わない状態に戻します。\n  bash: ~/.bash_profile または ~/.profile、zsh: ~/.zshenv、fish: conf.d/ca-bridge.fish、\n  powershell: $PROFILE、cmd: Windows のユーザー環境変数\n\napply --tool NAME は、そのツール自身の永続的な設定（ユーザー設定ファイルの 1 行、またはユーザーの NSS データベースの CA）を書き、\n台帳（状態フォルダーの LEDGER、docs/ledger.md を参照）に記録します。--tools installed は、プログラムが PATH にある\nすべての行に同じことをします。管理者権限は不要です。プロファイルのブロックは --shell を付けたときだけ書きます。行: {{rows}}。\nrevert --all は記録されたすべての変更を新しいものから 1 バイトも違わず元に戻し、revert --tool NAME はそのツールの変更だけを、revert --entry ID はその記録だけ（1 回の実行の分。ID は apply --json が示します）を戻します。\nCA Bridge が書いた後に変更されたファイルはそのままにし、変更前の内容をその隣（FILE.ca-bridge-before-STAMP）に残します。\n失敗した行や残した変更があれば終了コードは 1 です。\n\n{{options}}\n',
    status:
      '使い方: ca-bridge status [detect のオプション] [--offline] [--cwd DIR] [--json]\n\nCA Bridge が設定したものがまだ機能しているかを確かめます: 台帳に記録された書き出し（ファイルがあり、CA の期限が近くないこと）、\nCA Bridge が書いたツールの設定・NSS の登録・Java のトラストストア、検証を無効にする設定がないこと、\nそして（--offline でなければ）ネットワークが今示す CA が書き出した CA と同じこと（--targets がなければ 2 サイト）。\n終了コード（スクリプトと MDM 向け、docs/status.md）:\n  0 正常   10 書き出し後にインスペクションの CA が変わった   11 書き出した CA の期限が 30 日以内\n  12 どこかで証明書の検証が無効   13 設定したファイルや設定がない・壊れている\n  14 インスペクションされているが何も設定されていない   1 確認できていない（どのサイトも応答しない）またはその他の失敗   2 使い方の誤り\n複数あるときは 10、13、12、11、14 の順で最初のもの。--json はすべてを列挙します。\n\n{{options}}\n',
    doctor:
      '使い方: ca-bridge doctor [--cwd DIR] [--json]\n        ca-bridge doctor --fix --url https://HOST/ [--dir DIR] [--trust-store PATH] [--cwd DIR] [--json]\n\n開発ツールが TLS の設定を読むすべての場所を読みます（変更はしません）: 環境変数、シェルのプロファイル、\nあらゆる階層の設定ファイル（システム、ユーザー、--cwd のプロジェクト。既定はこのフォルダー。git がそこで読み込む include 先も）、\nVS Code の settings.json。証明書の検証を無効にする設定、存在しない・\n読めない・期限切れのファイルを指す CA の設定、この PC にあるのに CA の設定がどこにもないツールを報告します。\nそれぞれ、ツール、設定、ファイルと行（または環境変数）を示します。\n\n--fix は、検証を無効にする行を取り除きます。ただし、そのツールの CA の設定が整っていて（ファイルに今日有効な\n証明書がある）、証明できた場合に限ります: その行だけを隠した状態で（行を除いたファイルのコピーを指すようにします。\n確認のためだけに使う唯一の設定です）、ツールが --url（インスペクションの向こうのサイト）にリクエストを送り、\n台帳を通して行を取り除き、その状態でもう一度証明します（失敗したら行を元に戻します）。「ca-bridge revert --all」は\n取り除いた行を戻し、それによってどの安全でない設定が戻るかを示します。直せるもの: npm、pnpm、git、pip、curl、wget、\nYarn 1（ユーザー単位のファイル）と、シェルのプロファイル（bash、zsh、fish、PowerShell）が設定する環境変数\n（NODE_TLS_REJECT_UNAUTHORIZED、GIT_SSL_NO_VERIFY、PIP_TRUSTED_HOST、npm_config_strict_ssl）。後者は、その変数を除き、\nプロファイルが新しいシェルに渡す CA の環境変数を加えた状態で証明します。VS Code の\n"http.proxyStrictSSL": false は、"http.systemCertificatesNode": true が設定され、OS の信頼ストア（--trust-store で PEM ファイルか\nフォルダーに置き換え可能）を使う Node が通れたときに取り除きます。--dir を付けると、存在しない・読めない・期限切れのファイルを指す CA の設定を、その書き出し先に\n向け直し（「apply --tool」が書く行を、同じユーザーファイルに）、証明します。ツールが失敗したら元に戻します。\n\n{{options}}\n\n終了コード: 何も見つからない（またはすべて直した）ときは 0、見つかったものが残れば 3、調べられなければ 1、使い方の誤りは 2。\n',
    ui: '使い方: ca-bridge ui [--port N] [--no-open] [--proxy URL] [--targets LIST] [--public-roots FILE] [--trust-store PATH]\n\nデスクトップアプリを入れられない PC のために、CA Bridge の画面をブラウザーに表示します（127.0.0.1 のみ）。\n一度だけ使える URL を表示します。最初にそれを開いたページが、そのブラウザーのタブ用のセッションを得ます\n（再読み込みしても使えます）。その後、リンクは使えなくなります。セッションのない要求、他のアドレスからの要求、\n異なる Host や Origin ヘッダーの要求は拒否します。Ctrl+C で止まります。\n設定をあらかじめ入れるフラグを使えば、ヘルプデスクはコマンド 1 行を渡すだけで済みます。\n\n{{options}}\n',
  },
  detect: {
    signInRejected: 'プロキシがサインイン（{{scheme}}）を拒否しました',
    socksSignInRejected: 'プロキシが SOCKS 5 のユーザー名とパスワード（RFC 1929）を拒否しました',
    verdict: '判定: {{verdict}}',
    verdictWord: {
      inspected: 'インスペクションあり',
      partial: '一部インスペクションあり',
      clean: 'インスペクションなし',
      inconclusive: '判定できません',
    },
    vendor: '製品: {{name}}（発行者名が「{{matched}}」に一致）',
    ca: 'インスペクション CA: {{subject}}',
    fingerprint: '  SHA-256:  {{value}}',
    expires: '  有効期限: {{value}}',
    found: '  見つかった場所: {{value}}',
    caSource: {
      'trust-store': 'OS の信頼ストア',
      'presented-chain': 'プロキシが送ってきたもの。OS の信頼ストアにはありません',
      'not-found': '見つかりません。プロキシも送らず、OS の信頼ストアにもありません',
    },
    proxy: 'プロキシ: {{proxy}}',
    proxyFrom: 'プロキシ: {{proxy}}（設定元: {{source}}）',
    direct: 'なし（直接接続）',
    noProxySetting: 'プロキシ: なし。プロキシの設定が見つからないため、サイトには直接接続しました',
    note: '  注記: {{note}}',
    routes: 'PAC ファイルが選んだ経路:',
    store: '信頼ストア: {{backend}}、{{state}}（ルート {{anchors}} 件、中間証明書 {{intermediates}} 件）',
    storeState: { ok: '読み取り済み', partial: '読み取り済み（問題あり）', unreadable: '読み取れません。チェーンを照合できません' },
    storeFrom: '  読み取り元: {{source}}',
    storeProblem: '  問題:       {{source}}: {{reason}}',
    storeMore: { one: '  …ほかに {{count}} 件の問題', other: '  …ほかに {{count}} 件の問題' },
    evidence: '根拠:',
    targets: 'サイト:',
    columns: { site: 'サイト', status: '状態', public: '公開', store: 'ストア', ms: 'ミリ秒', detail: '発行者 / エラー' },
    status: {
      inspected: '検査あり',
      clean: '検査なし',
      error: 'エラー',
      'unreachable-via-proxy': 'プロキシ経由で接続不可',
      'name-mismatch': '名前の不一致',
    },
    viaProxyPage: 'プロキシ経由では届きません。プロキシが自身のエラーページを返しました（{{page}}）',
    otherName: '別の名前の証明書（{{names}}）、発行者 {{issuer}}',
    proxyAnswer: '{{server}} からの HTTP {{status}}',
    theProxy: 'プロキシ',
    cas: 'インスペクション CA: {{count}} 種類の CA がサイトを再署名しています。ツールにはそのすべてが必要です（export は信頼されたものをそれぞれ書き出します）',
    caPrimary: '（主）',
    caFound: '     見つかった場所: {{value}}',
    caRoute: '     経路 {{route}}: {{sites}}',
    pacUnusable: 'プロキシ: なし。PAC ファイルを使えなかったため、ブラウザーと同じく直接接続しました',
    yes: 'はい',
    no: 'いいえ',
    issuer: '発行者 {{issuer}}',
    cause: '原因: {{cause}}',
    next: '次にすること: {{next}}',
    // CONNECT への 502/504: プロキシがサイトに到達できなかった（拒否ではない）。
    upstreamNext:
      'ブラウザーでサイトが開けるか確かめてください。開ける場合は、開発者が使うべきプロキシを IT 部門に確認して --proxy で指定してください。',
  },
  next: {
    dns: '会社のプロキシを --proxy http://host:port で指定して（ブラウザーのプロキシ設定か IT 部門で確認できます）、「ca-bridge detect」をもう一度実行してください。',
    refused:
      '会社のプロキシを --proxy http://host:port で指定して（ブラウザーのプロキシ設定か IT 部門で確認できます）、「ca-bridge detect」をもう一度実行してください。',
    timeout:
      '「ca-bridge detect」をもう一度実行してください。変わらなければ、ブラウザーが使っているプロキシを --proxy で指定してください。',
    reset: 'ブラウザーが使っているプロキシを --proxy で指定して、「ca-bridge detect」をもう一度実行してください。',
    unreachable: 'ネットワーク（または社内 VPN）に接続してから、「ca-bridge detect」をもう一度実行してください。',
    'tls-alert': 'サイトの 1 つを詳しく調べてください: ca-bridge check HOST',
    'tls-error': 'サイトの 1 つを詳しく調べてください: ca-bridge check HOST',
    'proxy-dns': '--proxy のプロキシ名を直してください（ブラウザーのプロキシ設定から写せます）。',
    'proxy-refused': '--proxy のプロキシのアドレスとポートを直してください（ブラウザーのプロキシ設定から写せます）。',
    'proxy-auth-required': 'プロキシのユーザー名を --proxy-user で指定してください（パスワードは CA_BRIDGE_PROXY_PASSWORD か入力欄で）。',
    'proxy-error':
      'プロキシがこれらのサイトへの接続を拒否しました。開発者が使うべきプロキシを IT 部門に確認して --proxy で指定するか、許可されているサイトを --targets で指定してください。',
    'no-certificate': '何が応答しているかを詳しく調べてください: ca-bridge check HOST',
    internal: '--verbose を付けてもう一度実行し、その出力を CA Bridge の開発者に送ってください。',
  },
  export: {
    exported: '書き出しました: {{subject}}',
    fingerprint: '  SHA-256:  {{value}}',
    expires: '  有効期限: {{value}}',
    source: '  出どころ: {{value}}',
    sourceWord: {
      'trust-store': 'OS の信頼ストアにある CA（{{location}}）で、インスペクションされたチェーンに署名しています',
      'presented-chain':
        'プロキシが送ってきたルートですが、OS の信頼ストアは信頼していません。経路の途中にいる者は誰でも、どんなルートでも提示できます',
      imported: '{{location}} から取り込みました',
    },
    untrustedWarning: '  警告: OS の信頼ストアが信頼していないルートを、あなたの確認に基づいて書き出しました。',
    notSigning: '  警告: この CA は、いまインスペクションされたチェーンに署名していません。これではエラーは直りません。',
    nothingToCompare: '  （取り込んだ CA と照合できる、インスペクションされたサイトがありません。）',
    files: 'ファイル:',
    bundleCount: { one: '  {{file}}（証明書 {{count}} 件）', other: '  {{file}}（証明書 {{count}} 件）' },
    backup: '  バックアップ: {{file}}',
    lint: 'CA の点検:',
    untrustedHint:
      '一致した場合に限り、--accept-untrusted を付けてもう一度実行してください（または IT 部門に CA のインストールを依頼してください）。',
    // Issue 24 (CLI in the user's language): several inspection CAs, and the ones not exported.
    otherCa: '  {{file}}（上の 2 つのファイルにも入っています: {{subject}}、SHA-256 {{fingerprint}}）',
    notExportedUntrusted:
      '書き出していません: {{subject}}（SHA-256 {{fingerprint}}）もサイトに署名し直していますが、それを保証しているのはプロキシだけです（OS の信頼ストアは信頼していません）。フィンガープリントを IT 部門が公開しているものと照らし合わせてから、--from FILE を使ってください。それまで、この経路のツールは失敗し続けます。',
    notExportedMissing:
      '書き出していません: {{subject}} もサイトに署名し直していますが、OS の信頼ストアにもプロキシが送ってきたものにもありません。IT 部門に依頼してください（その後 --from FILE を使います）。それまで、この経路のツールは失敗し続けます。',
    // verify3: the merged bundle that keeps the user's own roots
    merged: {
      one: '  {{file}}（証明書 {{certificates}} 件: バンドル＋ご自身の CA ファイル {{sources}} の {{added}} 件。それを置き換える変数用に残しています）',
      other:
        '  {{file}}（証明書 {{certificates}} 件: バンドル＋ご自身の CA ファイル {{sources}} の {{added}} 件。それを置き換える変数用に残しています）',
    },
  },
  severity: { error: 'エラー', warning: '警告', info: '情報' },
  verify: {
    sites: 'サイト（extra = 公開ルート + {{pem}}、bundle = {{bundle}} だけ）:',
    site: '  {{site}} extra {{extra}}  bundle {{bundle}}',
    tools: 'ツール（それぞれ {{site}} にリクエストを 1 回）:',
    noTools: 'ツール: 届くサイトがないため実行していません。',
    mark: {
      pass: '成功',
      fail: '失敗',
      error: '接続不可',
      'not-found': '未インストール',
      skipped: '省略',
      // Issue 24 (CLI in the user's language): the results added with the negative control and relays.
      'verification-off': '検証が無効',
      'pass-by-user-setting': '成功（あなたの設定で）',
      unproven: '証明できず',
      'not-configured': '未設定',
      'proxy-auth': 'PROXY-AUTH',
    },
    passed: '実行できたものはすべて成功しました。',
    failed: '失敗した確認があります。上の一覧を見てください。',
    nothing: '何も確かめられませんでした。届くサイトがありません。',
    proxyAuth:
      'CA は正しく設定されています。PROXY-AUTH と表示されたツールはプロキシにサインインできません。次の手順: それらのツールをローカルの中継（下の px または cntlm）経由で動かし、--relay http://127.0.0.1:PORT を付けてもう一度 verify を実行してください。',
    notInstalled: '{{tool}} はインストールされていません',
    // Issue 18 (verify proves each route): one request per tool on each inspector's route.
    toolsRoutes: 'ツール（経路ごとにそれぞれリクエストを 1 回、経路は {{count}} 本）:',
    route: '  経路 {{route}}: {{site}}（{{ca}} が再署名）',
    routeClean: '  経路 {{route}}: {{site}}',
    toolRoute: '経路 {{route}}（{{site}}）: {{mark}}',
  },
  check: {
    header: '{{site}}  SNI: {{sni}}  経路: {{proxy}}  {{protocol}}',
    noSni: '（なし）',
    direct: '直接接続',
    chain: '提示されたチェーン:',
    issuer: '      発行者:    {{value}}',
    names: '      名前:      {{value}}',
    valid: '      有効期間:  {{from}} → {{to}}',
    key: '      鍵:        {{key}}、署名 {{signature}}',
    fingerprint: '      SHA-256:   {{value}}',
    trusted: '信頼: 公開ルート {{publicRoots}}、OS の信頼ストア {{trustStore}}',
    trustedCa: '、--ca {{ca}}',
    findings: '診断結果:',
    finding: '  {{severity}} {{title}}（{{code}}）{{cert}}: {{message}}',
    // The reason in the user's words (a 502 to CONNECT is "could not reach"); English adds the engine's detail.
    unreachable: '{{reason}}',
    // Issue 24 (CLI in the user's language): each finding's detail, from the engine's key and parameters.
    role: { server: 'サーバー証明書', root: 'ルート証明書', intermediate: '中間証明書' },
    withSni: 'SNI「{{sni}}」のとき',
    withoutSni: 'SNI なしのとき',
    detail: {
      expired: '{{role}}「{{name}}」は {{date}} に期限が切れています。サーバー側で更新した証明書を入れる必要があります',
      'not-yet-valid':
        '{{role}}「{{name}}」は {{date}} より前には有効ではありません。このコンピューターの時計を確認してください（またはサーバーに早すぎる証明書が入っています）',
      'expiring-soon': '{{role}}「{{name}}」は {{date}} に期限が切れます（{{days}} 日以内）',
      'hostname-mismatch': '証明書は「{{host}}」を対象にしていません。対象の名前: {{names}}',
      'hostname-mismatch-no-san': '証明書は「{{host}}」を対象にしていません。SAN がなく、名前は {{name}} だけです',
      'weak-signature': '{{role}}「{{name}}」は {{algorithm}} で署名されています。現在のクライアントはこれを拒否します',
      'weak-key': '{{role}}「{{name}}」の RSA 鍵は {{bits}} ビットです。クライアントが受け付けるのは {{min}} ビット以上です',
      'self-signed': 'サーバー証明書「{{name}}」は自己署名です。この証明書そのものを信頼するよう設定したクライアントしか受け付けません',
      'untrusted-root': 'チェーンはルート「{{name}}」で終わっていますが、公開ルートにもこのコンピューターの信頼ストアにもありません',
      'incomplete-chain':
        'サーバーは「{{name}}」を発行した証明書「{{issuer}}」を送っていません（「unable to verify the first certificate」）。証明書には取得先の AIA CA Issuers URL もありません。サーバー側で中間証明書も送るよう設定する必要があります',
      'incomplete-chain-aia':
        'サーバーは「{{name}}」を発行した証明書「{{issuer}}」を送っていません（「unable to verify the first certificate」）。AIA CA Issuers URL {{url}} から取得でき、ブラウザーはそうしますが、ほとんどのツールはしません。サーバー側で中間証明書も送るよう設定する必要があります',
      inspected:
        'この接続は TLS インスペクションされています。プロキシが署名し直しています。ブラウザーは受け入れますが、独自の CA 一覧を持つツールは、その CA を渡すまで失敗します（ca-bridge export の後に ca-bridge snippets）',
      'inspected-anchor':
        'この接続は TLS インスペクションされています。プロキシが、このコンピューターの信頼ストアにある「{{anchor}}」で署名し直しています。ブラウザーは受け入れますが、独自の CA 一覧を持つツールは、その CA を渡すまで失敗します（ca-bridge export の後に ca-bridge snippets）',
      'inspected-vendor':
        'この接続は TLS インスペクションされています。{{vendor}} のプロキシが署名し直しています。ブラウザーは受け入れますが、独自の CA 一覧を持つツールは、その CA を渡すまで失敗します（ca-bridge export の後に ca-bridge snippets）',
      'inspected-vendor-anchor':
        'この接続は TLS インスペクションされています。{{vendor}} のプロキシが、このコンピューターの信頼ストアにある「{{anchor}}」で署名し直しています。ブラウザーは受け入れますが、独自の CA 一覧を持つツールは、その CA を渡すまで失敗します（ca-bridge export の後に ca-bridge snippets）',
      'clock-ahead':
        'このコンピューターの時計はサーバーより {{minutes}} 分進んでいます。証明書が期限切れや有効期間前に見えることがあります。時計を直してください',
      'clock-behind':
        'このコンピューターの時計はサーバーより {{minutes}} 分遅れています。証明書が期限切れや有効期間前に見えることがあります。時計を直してください',
      'sni-dependent':
        'サーバーは {{other}}（「{{otherSubject}}」）と {{this}}（「{{subject}}」）で別の証明書を出します。SNI を送らないクライアント（古い Java、一部のスクリプト）は違う証明書を受け取ります',
      'client-cert-missing':
        'サーバーはクライアント証明書を求めていますが、指定されていません。--client-cert と --client-key で、組織が発行した証明書を渡してください',
      'client-cert-rejected': 'サーバーはクライアント証明書を拒否しました: {{reason}}',
      'client-cert-hung-up':
        'ハンドシェイクは完了しましたが、サーバーは応答せずに切断しました。クライアント証明書を拒否した可能性が高いです（受け付ける CA が発行したものでない、または期限切れ）',
      'client-cert-accepted': '指定したクライアント証明書でハンドシェイクが成功し、サーバーが応答しました',
      'ca-file-verifies': 'チェーンは {{file}} で検証できます',
      'ca-file-fails': 'チェーンは {{file}} では検証できません: {{reason}}',
      ok: '問題は見つかりませんでした。チェーンは完全で有効、信頼されており、ホスト名も対象に含まれています',
    },
  },
  explain: {
    none: '既知の証明書エラーは見つかりませんでした。',
    matched: '  一致した文: {{value}}',
    cause: '  原因: {{value}}',
    here: '  この環境: {{value}}',
    fix: '  対処: {{value}}',
    settings: '  設定: {{value}}',
  },
  snippets: {
    perTool: 'ツールごとの設定（設定ファイルを変えるものもあります）: ca-bridge snippets --dir DIR --tool NAME（{{tools}}）',
    appliesTo: '対象: {{versions}}。出典: {{reference}}',
    session: 'このセッションだけ:',
    persistent: '永続的な変更: {{changes}}',
    admin: '（管理者権限が必要）',
    undo: '元に戻す: {{undo}}',
    linuxShell: '（WSL などの Linux シェルで実行）',
    fragment: '--- {{format}} の断片（コマンドではありません）: {{path}} ---',
  },
  apply: {
    toolFailed: '{{tool}}: 適用できませんでした: {{error}}',
    toolAlreadySet: '{{tool}}: {{where}} で設定済みです（{{setting}}）',
    toolWouldSet: '{{tool}}: {{where}} に {{setting}} を設定します（試行のみ）:',
    toolSet: '{{tool}}: {{where}} に {{setting}} を設定しました',
    toolSetBackup: '{{tool}}: {{where}} に {{setting}} を設定しました（バックアップ: {{backup}}）',
    noTool: '設定できるツールが PATH に見つかりませんでした。',
    recorded: '{{ledger}} に記録しました。「ca-bridge revert --all」で元に戻せます。',
    nothingRecorded: '{{ledger}} に元に戻す記録はありません。',
    undone: {
      restored: '1 バイトも違わず元に戻しました',
      'block-removed': 'その後変更されていたため、ca-bridge のブロックだけを取り除き、あなたの編集は残しました',
      'nothing-happened': '中断された実行では変更されていませんでした。戻すものはありません',
      'entry-removed': '項目を削除しました',
      'already-gone': 'すでにありません（ほかの方法で削除済み）。戻すものはありません',
      'changed-since': '元に戻していません。CA Bridge が書いた後に変更されているため、そのままにしました',
      failed: '元に戻していません。データベースを読み書きできませんでした。記録は残してあるので、あとでやり直せます',
      'would-undo': '元に戻します（試行のみ）',
    },
    keptBefore: '  CA Bridge が変更する前の内容は {{file}} に残してあります',
    reenables: '  これにより、doctor --fix が取り除いた安全でない設定が元に戻ります: {{setting}}',
    previousValue: '  CA Bridge が変更する前の値: {{value}}',
    undoError: '  certutil の出力: {{error}}',
    undoFailed: {
      one: '{{count}} 件の変更を元に戻せませんでした。何も失われていません。原因を直してから「ca-bridge revert --all」をもう一度実行してください',
      other:
        '{{count}} 件の変更を元に戻せませんでした。何も失われていません。原因を直してから「ca-bridge revert --all」をもう一度実行してください',
    },
    left: {
      one: 'ファイルがその後変更されていたため、{{count}} 件の変更を残しました。残したコピーと比べて手で直してください',
      other: 'ファイルがその後変更されていたため、{{count}} 件の変更を残しました。残したコピーと比べて手で直してください',
    },
    alreadyApplied: '{{where}} には適用済みです。何も変えていません。',
    nothingToRemove: '{{where}} に ca-bridge の設定はありません。取り除くものはありません。',
    wouldChange: '{{where}} を次のように変えます（試行のみ、何も書いていません）:',
    applied: '{{where}} に書き込みました。',
    removed: '{{where}} から取り除きました。',
    removedFile: '{{where}} から取り除きました（apply が作ったファイルなので削除しました）。',
    backup: '元のファイルのバックアップ: {{file}}',
    reopen: '反映するには、新しい端末を開いてください（エディターも再起動してください）。',
    set: '{{name}} を設定: {{from}} -> {{to}}',
    wouldSet: '{{name}} を設定する予定: {{from}} -> {{to}}',
    unset: '（未設定）',
    kept: '{{name}} はそのままにしました: apply の後で変更されています',
    broadcast: 'レジストリから読み戻し、実行中のプログラムに通知しました。新しい端末に反映されます。',
    noBroadcast:
      'レジストリから読み戻しましたが、実行中のプログラムに通知できませんでした。新しい端末に反映するには、サインアウトしてもう一度サインインしてください。',
    // Fleet roll-out (issue 21): the question --tools installed asks in a terminal, unless --yes.
    confirmInstalled: 'これらの変更を適用しますか? [y/N] ',
    declined: '何も適用していません（「いいえ」と答えたため）。スクリプトや MDM ツールからは --yes を付けて実行してください。',
  },
  status: {
    healthy: '状態: 正常（終了コード 0）',
    problems: '状態: {{problems}}（終了コード {{code}}）',
    export: '書き出し: {{dir}}（記録 {{at}}）',
    noExport: '書き出し: 記録なし',
    ca: '  CA: {{subject}}  SHA-256 {{fingerprint}}  期限 {{notAfter}}',
    network: 'ネットワーク: インスペクションあり {{inspected}}、なし {{clean}}、到達不能 {{unreachable}}',
    notChecked: 'ネットワーク: どのサイトにも到達できず、CA を比較していません',
    notCheckedStatus:
      '状態: 確認できていません（終了コード {{code}}）。どのサイトも応答せず、ネットワークが使っている CA を比較できませんでした。社内ネットワークでもう一度実行するか、ファイルだけを確かめるなら --offline を付けてください',
    offline: 'ネットワーク: 調べていません（--offline）',
    configured: { one: '確認した箇所: CA Bridge が設定した {{count}} 箇所', other: '確認した箇所: CA Bridge が設定した {{count}} 箇所' },
    problem: {
      'ca-changed': '書き出し後にインスペクションの CA が変わりました',
      'ca-expiring': '書き出した CA の期限が近づいています',
      'verification-off': '証明書の検証が無効になっています',
      'config-broken': '設定したファイルや設定が壊れています',
      'not-configured': 'インスペクションされていますが、何も設定されていません',
    },
    changed:
      '[10] ネットワークは今 {{subject}}（SHA-256 {{fingerprint}}）を {{sites}} で示しています。書き出しにあるのは {{exported}} です',
    changedFix: '     対処: ca-bridge export --refresh',
    expiring: '[11] 書き出した CA {{subject}}（SHA-256 {{fingerprint}}）の期限は {{notAfter}}、残り {{days}} 日です',
    expiringFix: '     対処: 更新された CA を IT 部門から受け取り、ca-bridge export --refresh を実行してください',
    off: '[12] {{tools}}: {{setting}} = {{value}}（{{where}}）が検証を無効にしています',
    offFix: '     対処: ca-bridge doctor --fix --url https://HOST/',
    broken: '[13] {{tool}}: {{where}}: {{why}}',
    brokenWhy: {
      missing: 'ありません',
      unreadable: '読み取れません',
      'setting-removed': 'CA Bridge が書いた設定がなくなっています',
      'other-ca': '書き出しにない CA を保持しています',
      changed: 'CA Bridge が書いた後に変更されています',
      // Issue 18 (prove4): 統合バンドルからご自身の CA ファイルのルートが消えた。
      'roots-missing': 'ご自身の CA ファイルの証明書が含まれていません',
    },
    brokenFix: '     対処: ca-bridge export --refresh（書き出し、Java、NSS）または ca-bridge apply --tool {{tool}}',
    notConfigured: '[14] {{sites}} はインスペクションされていますが、CA Bridge は何も設定していません',
    notConfiguredFix: '     対処: ca-bridge export --out DIR の後、ca-bridge apply --dir DIR --tools installed',
    unknown: '（不明）',
  },
  refresh: {
    written: '{{dir}} を {{subject}}（SHA-256 {{fingerprint}}）で書き直しました。以前: {{previous}}',
    retired: '{{tool}}: 古い CA {{what}} を {{where}} から外しました',
    recorded: '{{ledger}} に記録しました。"ca-bridge revert --tool export" で以前のファイルに戻せます。',
  },
  // Issue 24 (CLI in the user's language): doctor's report.
  doctor: {
    severity: { high: '重大', medium: '中', info: '情報' },
    nothing: '何も見つかりませんでした。検証を無効にする設定はなく、CA の設定はすべて有効なファイルを指しています。',
    inEnvironment: '（環境変数）',
    at: '（{{place}}）',
    fixLabel: '対処: {{fix}}',
    notRead: '読めませんでした: {{file}}（{{problem}}）',
    fixHeading: '--fix（どの証明も、安全でない行だけを隠して {{url}} に対して実行しました）:',
    revertHint: '「ca-bridge revert --all」で取り除いた行を戻せます（安全でない設定も元に戻ります）。',
    urlDirForFix: '--url と --dir は --fix 用のオプションです',
    // Issue 20 (scan4): a shell profile's line removed by --fix.
    newShell: '    新しいシェルでは {{setting}} は設定されません。このターミナルには新しく開き直すまで残ります',
    // fix6: a profile's CA variable repointed.
    newShellValue: '    新しいシェルでは新しい {{setting}} が使われます。このターミナルは開き直すまで古い値のままです',
    meaning: {
      'verification-off': '証明書の検証が無効になっています。攻撃者のものも含め、どんな証明書でも受け入れます',
      'ca-file-missing': '指定された CA ファイルがありません。ツールは失敗するか、別の設定に頼ります',
      'ca-file-unreadable': '指定された CA ファイルを読めません',
      'ca-file-no-certificate': '指定されたファイルに証明書がありません',
      'ca-file-expired': '指定されたファイルの証明書はすべて期限切れです',
      'not-configured': 'インストールされていますが、CA の設定が見つかりません',
    },
    fix: {
      'verification-off':
        'ツールに CA を渡し（「ca-bridge apply --tool {{tool}}」）、証明してから（「ca-bridge verify」）、この行を取り除いてください',
      'ca-file-missing': 'もう一度書き出して適用し直してください（「ca-bridge export」の後に「ca-bridge apply --tool {{tool}}」）',
      'ca-file-unreadable': 'ファイルのアクセス権を直すか、もう一度書き出して適用し直してください',
      'ca-file-no-certificate': '設定を書き出した ca-bundle.pem に向けてください（「ca-bridge apply --tool {{tool}}」）',
      'ca-file-expired': '現在の CA を書き出して適用し直してください（「ca-bridge export」、「ca-bridge apply --tool {{tool}}」）',
      'not-configured': 'ca-bridge apply --tool {{tool}}',
    },
    fixed: {
      removed: '取り除きました（行を隠した状態と、取り除いた後の両方で証明済み）',
      repointed: '書き出し先（--dir）に向け直し、証明しました',
      'ca-not-in-place': '残しました: CA の設定が整っていません。先に「ca-bridge apply --tool」を実行してください',
      'not-proven': '残しました: 行を隠すとツールが通りませんでした',
      'put-back': '元に戻しました: 取り除いた後にツールが失敗しました',
      'cannot-mask': '残しました: このファイルは証明のために隠せません。「ca-bridge verify」の後で手で取り除いてください',
      'changed-meanwhile': '残しました: その間にファイルが変更されました。もう一度 doctor を実行してください',
      'not-a-file': '残しました: 環境変数です。設定している場所で取り除いてください',
      'not-supported': '残しました: --fix はこのツールをまだ証明できません',
      // fix6: repointing writes only the finding's own line.
      'cannot-repoint': '残しました: この行には設定以外のものも含まれています。書き出したファイルを手で指定してください',
      'proxy-refused':
        '残しました: プロキシが証明のサインインを拒否しました（407）。プロキシのユーザー名とパスワードを確認してから、もう一度 --fix を実行してください',
      'proxy-sign-in':
        '残しました: 証明のためにプロキシへサインインできません（プロキシが求めるのは NTLM などこのツールが扱えない方式だけです。パスワードを Basic で送ることはしません）。ローカルのリレー（px、cntlm）を通して証明してください',
    },
  },
  // Issue 24 (npm start in the user's language): build/ensure-electron.mjs and electron-download-advice.mjs.
  firstRun: {
    downloading: 'Electron をダウンロードしています（初回の起動時だけ）…',
    notTrusted: 'Electron をダウンロードできませんでした: サーバーの証明書が信頼されませんでした（{{cause}}）。',
    checked:
      'CA Bridge が {{host}} を調べました: このネットワークは TLS インスペクションを行っています。プロキシは HTTPS を次の CA で署名し直しています',
    checkedBy:
      'CA Bridge が {{host}} を調べました: このネットワークは {{vendor}} による TLS インスペクションを行っています。プロキシは HTTPS を次の CA で署名し直しています',
    caLine: '  {{subject}}（SHA-256 {{fingerprint}}）',
    unknownFingerprint: '不明',
    inStore: '  この CA はこのコンピューターの信頼ストアに入っています（IT 部門が入れたもの）が、Node はそのストアを読みません。',
    notInStore: '  この CA はこのコンピューターの信頼ストアに入っていません。IT 部門にこの CA の証明書ファイルを依頼してください。',
    likely:
      'このネットワークは TLS インスペクションを行っている可能性が高いです。会社のプロキシが HTTPS を自社の CA で署名し直しており、\nNode は既定ではその CA を信頼しません。',
    fixWith: '次のどれかで直してから、もう一度 npm start を実行してください:',
    trustOsCa: '      （CA Bridge が OS のストアから CA を一時ファイルに書き出し、それを使ってやり直します）',
    useSystemCa: '      （Node 22.15 以降: IT 部門が会社の CA を OS のストアに入れていれば、そのストアを信頼します）',
    extraCa: '      （IT 部門から受け取った CA ファイル、または別の PC で CA Bridge が書き出したもの）',
    mirrorCommand: '  ELECTRON_MIRROR=https://<社内のミラー>/electron/ npm start',
    mirror: '      （会社が Electron のリリースをミラーしている場合）',
    offline:
      'Electron をダウンロードできませんでした: ダウンロードのサーバーに届きませんでした（{{cause}}）。\nこのコンピューターがインターネットにつながっていないか、プロキシ経由でしか出られません。ダウンロード用にプロキシを指定するか\n（HTTPS_PROXY=http://proxy:port ELECTRON_GET_USE_PROXY=1 npm start）、ELECTRON_MIRROR を会社のミラーに向けてください。',
    proxy:
      'Electron をダウンロードできませんでした: プロキシがダウンロードを拒否しました（{{cause}}）。\n407 はインストーラーにはできないサインインを求めています。403 はプロキシがダウンロードを遮断しています。IT 部門に\nElectron のリリースのミラー（ELECTRON_MIRROR）を依頼するか、一度だけ別のネットワークでダウンロードしてください。',
    download:
      'Electron をダウンロードできませんでした: サーバーは応答しましたが、Electron のアーカイブではありませんでした（{{cause}}）。\nフィルタリングするプロキシや、誤った ELECTRON_MIRROR が原因になります。',
    other: 'Electron をダウンロードできませんでした: {{cause}}',
    noError: 'エラーは報告されていません',
    helperEnded: 'ダウンロード用の補助プロセスが状態 {{status}} で終了しました',
    fallback: 'または、ダウンロードなしで同じ画面をブラウザーで使えます:',
    notAsked: '（尋ねられずにこの CA でやり直すには: CA_BRIDGE_TRUST_OS_CA=1 npm start）',
    askRetry: 'OS のストアにあるこの CA を信頼して、ダウンロードをやり直しますか（このダウンロードだけ）? [y/N] ',
    retrying: 'NODE_EXTRA_CA_CERTS={{file}} でやり直しています（CA の一時的なコピー。後で削除します）…',
    stillFailing: 'OS のストアの CA でやり直しましたが、証明書の確認にまだ失敗しました。',
    fixedBut: 'CA で証明書のエラーは直りましたが、次の問題があります:',
    browserMode: 'いまは Electron を用意できません。代わりに同じ画面をブラウザーで開きます（ca-bridge ui）。',
  },
  ui: {
    running:
      'CA Bridge を次のアドレスで実行中です\n  {{url}}\nこのリンクは 1 回だけ、1 つのブラウザーのタブで使えます（再読み込みは可能です）。それまでは他人に見せないでください。Ctrl+C で止まります。\n',
  },
  credentials: {
    sent: '認証情報: プロキシ {{proxy}} に {{scheme}} で送りました',
    cleartext:
      '  警告: Basic では、{{proxy}}（平文の http プロキシ）までの通信経路上の誰もがユーザー名とパスワードを読めます。プロキシが対応していれば、https:// のプロキシアドレスか NTLM/Kerberos を使ってください',
    held: '認証情報: 求められましたが、プロキシ {{proxy}} には送っていません（{{why}}）。信頼できる場合は --confirm-proxy {{hostPort}} を付けてもう一度実行してください',
    hold: {
      wpad: 'ネットワーク上で見つかった WPAD ファイルだけがこのプロキシを指定しています',
      'unknown-pac': 'このプロキシを選んだ設定が WPAD かどうか区別できません',
    },
  },
  proxySource: {
    'option-direct': '--proxy direct',
    option: '--proxy',
    pac: '--proxy pac+{{detail}}',
    wpad: 'WPAD ファイル {{detail}}',
    environment: '{{detail}}',
    system: '{{setting}}',
    systemDetail: '{{setting}}: {{detail}}',
    systemPac: '{{setting}}: PAC {{detail}}',
    setting: {
      windows: 'Windows のインターネット設定（HKCU）',
      macos: 'macOS のネットワーク設定（scutil --proxy）',
      gnome: 'GNOME のプロキシ設定（gsettings）',
      kde: 'KDE のプロキシ設定（kioslaverc）',
    },
  },
  proxyNote: {
    'wpad-found': '{{setting}}: プロキシの自動検出（WPAD）が有効です。{{url}} で見つかったファイルがサイトごとの経路を決めます',
    'wpad-not-found':
      '{{setting}}: プロキシの自動検出（WPAD）が有効ですが、使える WPAD ファイルが見つかりませんでした（試した名前: {{tried}}）。なしで続けます。ブラウザーが見つけている場合は、そのアドレスを --proxy pac+URL で指定してください',
    'wpad-not-found-timeout':
      '{{setting}}: プロキシの自動検出（WPAD）が有効ですが、10 秒以内に使える WPAD ファイルが見つかりませんでした（試した名前: {{tried}}）。なしで続けます。ブラウザーが見つけている場合は、そのアドレスを --proxy pac+URL で指定してください',
    'wpad-no-domain':
      '{{setting}}: プロキシの自動検出（WPAD）が有効ですが、この PC には WPAD ファイルを探す DNS ドメインがありません。ブラウザーが見つけている場合は、そのアドレスを --proxy pac+URL で指定してください',
    'wpad-file-failed': 'WPAD ファイル {{url}} は使いませんでした: {{problem}}',
    'wpad-dhcp-not-asked': 'DHCP（オプション 252）での WPAD は問い合わせていません。管理者権限が必要なため、DNS だけで探しました',
    'pac-unusable': 'PAC ファイル {{url}} を使えませんでした: {{problem}}ブラウザーと同じく、すべてのサイトに直接接続しました。',
    'pac-failed':
      'PAC ファイル {{url}} は {{sites}} について答えを返しませんでした: {{problem}}ブラウザーと同じく、それらのサイトには直接接続しました。',
  },
  storeBackend: { file: 'ファイル', windows: 'Windows', linux: 'Linux', macos: 'macOS', none: 'なし' },
  relay: {
    asks: 'プロキシ {{proxy}} は {{schemes}} でのサインインを求めます。npm、pip、git、Docker、多くの curl はこれに応えられません。',
    run: '  代わりにサインインするリレーをこの PC の {{url}} で動かします:',
    relay: '  - {{relay}}（{{fits}}）。{{signIn}}',
    file: '{{name}}（{{merge}}）:',
    placeholders: '  保存する前に {{tokens}} を自分のサインイン情報に置き換えてください',
    apply: '  その後、反映します（元に戻した後も同じ）:',
    prepare: '    最初の起動前に一度だけ（パスワードを尋ねます。表示された PassNTLMv2 の行だけを {{file}} に追加します）:',
    start: '    起動します（Ctrl+C まで動き続けます）:',
    point: '  次に、各ツールをリレーに向けます。',
    session: '  この端末だけ（npm、pip、git、curl、Docker が読みます。何も保存しません）:',
    persistent: '  保存する場合（ツール自身の設定を変えます。先に今の値を控えてください。元に戻すと設定は消えます）:',
    current: '      今の値:',
    set: '      設定:',
    undo: '      元に戻す:',
    files: '  Docker と WSL:',
    dockerDesktop:
      '    Docker Desktop はイメージの取得に独自の設定を使います: Settings > Resources > Proxies > Manual proxy configuration に {{url}}',
    caNote:
      '  リレーが行うのはサインインだけです。インスペクションするプロキシは引き続き TLS を再署名するため、どのツールにもインスペクション CA が必要です（ca-bridge export）。',
    and: '、',
  },
};
