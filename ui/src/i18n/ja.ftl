# Dialtone の日本語。en.ftl と同じ ID・同じ変数を持ちます（tests/i18n_catalog.rs が確認）。
# 電話の言い方に合わせた短い表現：ボタンは名詞句、文は「です・ます」、句読点は全角、数字は半角。
# Twilio Console のメニュー名は英語のまま（Console が英語のため）。

## Shared

plain-text = { $text }

## Twilio errors

twilio-mic-denied = マイクが許可されていません
    .what = マイクの使用が許可されていないため、通話を開始できませんでした。
    .fix = Dialtoneにマイクの使用を許可してから、もう一度発信してください（macOS：システム設定›プライバシーとセキュリティ›マイク、Windows：設定›プライバシーとセキュリティ›マイクの「デスクトップアプリがマイクにアクセスできるようにする」）。
twilio-mic-failed = マイクを使用できません
    .what = マイクの使用は許可されていますが、開けるマイクがありません。接続されていないか、他のアプリが使用中です。
    .fix = マイクやヘッドセットを接続し、マイクを使う他のアプリ（ビデオ通話、録音など）を閉じ、システムのサウンド設定で入力装置を確認してから、もう一度発信してください。
twilio-token-invalid = アクセストークンが拒否されました
    .what = Dialtoneが作ったアクセストークンをTwilioが検証できませんでした。APIキー、そのシークレット、Account SIDのいずれかが一致していません。
    .fix = 設定でAccount SID、API Key SID、API Key Secretを確認し（キーはそのアカウントのものである必要があります）、保存してください。
twilio-not-found = 番号が見つかりません
    .what = おかけになった番号は存在しないか、つながりません。
    .fix = 番号と国番号を確認して、もう一度発信してください。
twilio-unavailable = 相手が出られません
    .what = 相手は一時的に電話に出られません。
    .fix = 時間をおいてかけ直してください。
twilio-busy = 話し中
    .what = 相手は話し中です。
    .fix = 数分おいてかけ直してください。
twilio-decline = 拒否されました
    .what = 相手が着信を拒否しました。
    .fix = 時間をおいてかけ直すか、先にメッセージを送ってください。
twilio-token-expired = アクセストークンの期限切れ
    .what = アクセストークンの有効期限が切れています（または有効期限が24時間より先で、Twilioが受け付けません）。
    .fix = Dialtoneが自動で新しいトークンを取得します。繰り返し起きる場合は、パソコンの時計とタイムゾーンが正しいか確認してください。
twilio-auth-failed = Twilioへのサインインに失敗
    .what = アクセストークンの認証情報をTwilioが受け付けませんでした。
    .fix = 設定でAccount SID、API Key SID、API Key Secretを確認し、保存してください。
twilio-unknown = 不明なTwilioエラー
    .what = Twilioが詳細なしでエラーを返しました。
    .fix = もう一度お試しください。繰り返す場合は、Twilio ConsoleのDebuggerでこの通話を確認してください。
twilio-connection-declined = 拒否されました
    .what = 通話が拒否されました。
    .fix = 時間をおいてかけ直してください。
twilio-timeout = Twilioが応答しません
    .what = Twilioのサーバーから時間内に応答がありませんでした。
    .fix = インターネット接続を確認して、もう一度お試しください。
twilio-connection-error = Twilioとの接続に失敗
    .what = Twilioとの接続が切れました。ネットワークが途切れたか（Dialtoneが自動で再接続します）、発信直後に失敗した場合は、Webhookがエラーか、Twilioが扱えないTwiMLを返しています。
    .fix = 設定で、リスナーが動作中か、トンネルがつながっているか、TwiML AppのVoice Request URLが表示どおりかを確認してください。Webhookの応答内容はTwilio ConsoleのDebuggerで確認できます。
twilio-old-sdk = 古いTwilio SDK
    .what = このバージョンのTwilio Voice SDKは提供が終了しています。
    .fix = Dialtoneを更新してください。
twilio-call-cancelled = 相手はすでに切っています
    .what = 応答する前に相手が電話を切りました。
    .fix = キーパッドからかけ直してください。
twilio-transport = オフライン
    .what = Twilioとの接続が切れているため、着信も発信もできません。
    .fix = インターネット接続を確認してください。ネットワークが戻るとDialtoneが自動で再接続します。
twilio-invalid-identity = クライアントIDが無効です
    .what = クライアントIDにTwilioで使えない文字が含まれているか、121文字を超えています。
    .fix = 設定でクライアントIDを英数字とアンダースコアだけにしてください（空欄にすると既定値になります）。
twilio-token-signature = アクセストークンの署名が無効です
    .what = アクセストークンが誤ったAPIキーのシークレットで署名されています。
    .fix = 設定で、API Key SIDに対応するAPI Key Secretを入力して保存してください。
twilio-no-account = 有効なTwilioアカウントがありません
    .what = この認証情報に対応する有効なアカウントがTwilioに見つかりません。
    .fix = 設定のAccount SIDと、Twilio Consoleでアカウントが有効かを確認してください。
twilio-jwt-expired = アクセストークンの期限切れ
    .what = アクセストークンの有効期限が切れました。
    .fix = Dialtoneが自動で新しいトークンを取得します。繰り返し起きる場合は、パソコンの時計を確認してください。
twilio-token-too-long = アクセストークンの有効期間が長すぎます
    .what = アクセストークンの有効期間がTwilioの上限（24時間）を超えています。
    .fix = Dialtoneを更新してください。直らない場合はご報告ください。
twilio-unreachable = Twilioに接続できません
    .what = Twilioのサーバーに接続できません（ネットワークの切断、またはファイアウォール・プロキシ・VPNによる遮断）。
    .fix = インターネット接続と、*.twilio.comへの安全なWebSocket接続が許可されているかを確認してください。Dialtoneは再試行を続けます。
twilio-dropped = Twilioとの接続が切れました
    .what = Twilioのサーバーとの接続が予期せず切れました。
    .fix = Dialtoneが自動で再接続します。再接続しない場合はインターネット接続を確認してください。
twilio-media = 音声を接続できません
    .what = 通話の音声が届かないか、途切れたまま30秒以内に戻りませんでした（メディア接続の失敗）。
    .fix = ネットワークを確認してください。よくある原因は、Wi-Fiの電波の弱さと、VPNやファイアウォールによるUDP通信の遮断です。有線接続や別のネットワークを試すか、TwilioへのUDP（ポート10000～60000）を許可してください。
twilio-error-code = Twilioエラー{ $code }
    .fix = twilio.com/docs/api/errorsでエラー{ $code }を調べるか、Twilio ConsoleのDebuggerを確認してください。
twilio-error-generic = エラー
    .fix = もう一度お試しください。繰り返す場合はDialtoneを再起動してください。
twilio-no-message = Twilioがメッセージなしでエラーを返しました。

## The device log's own lines

log-error = { $title }（{ $code }）。{ $what }
log-error-no-code = { $title }。{ $what }
log-error-prefixed = { $prefix }：{ $title }（{ $code }）。{ $what }
log-error-prefixed-no-code = { $prefix }：{ $title }。{ $what }
log-calling = { $number }に発信中…
log-call-not-started = 発信できませんでした
log-call-ended = 通話が終了しました。
log-second-call-rejected = 通話中のため、{ $number }からの着信を拒否しました。
log-incoming = { $number }から着信。
log-answering = 応答中…
log-declined = { $number }からの着信を拒否しました。
log-cancelled = 着信が取り消されました。
log-ended-after-error = エラーのため通話が終了しました。
log-tone-failed = トーンを送信できませんでした
log-ringing = 呼び出し中…
log-connected = 通話がつながりました。
log-remote-hung-up = 相手が電話を切りました。通話終了。
log-missed = { $number }から不在着信：応答する前に相手が切りました。
log-missed-unknown = 不在着信：応答する前に相手が切りました。
log-call-declined = 通話が拒否されました。
log-audio-back = 再接続しました。通話を続けられます。
log-reconnecting-audio = 通話の音声が途切れました（ネットワークの問題）。再接続しています…
log-reconnecting-signaling = 通話中にTwilioとの接続が切れました。再接続しています…その間も音声は続くことがあります。
log-call-lost = 通話終了：Twilioとの接続を回復できませんでした。

## The status bar

status-starting = 起動中
status-starting-detail = 準備しています…
status-getting-token = アクセストークンを取得しています…
status-registering = 登録中
status-registering-detail = Twilioに接続しています…
status-unsupported = 通話不可
status-unsupported-detail = このウィンドウでは通話できません。システムのWebビューがWebRTCに対応していません。
status-ready = 待受中
status-ready-identity = 「{ $identity }」への着信をここで受けます。
status-ready-number = { $number }への着信をここで受けます。
status-ready-detail = 着信を待っています。
status-offline = オフライン
status-offline-reconnecting = Twilioに再接続しています…
status-offline-lost-twilio = Twilioとの接続が切れました。再接続しています…
status-offline-computer = パソコンがオフラインです。ネットワークが戻ると通話できるようになります。
status-error = エラー
status-token-expired = トークンの期限切れ
status-token-expired-detail = アクセストークンの期限が切れ、更新できませんでした：{ $message }
status-window-closed = ウィンドウ終了
status-window-replaced = 新しい通話ウィンドウに切り替わったか、Dialtoneが再起動しました。
status-open-settings = 設定を開く
status-retry = 今すぐ再試行
status-spoken = { $title }：
log-no-webrtc = このWebビューはWebRTCに対応していないため、発信も着信もできません。
log-settings-after-call = 新しい設定はこの通話の終了後に反映されます。
log-retiring-after-call = このウィンドウは新しい通話を受けません。現在の通話は、電話を切るまでそのまま続きます。
log-retired = このウィンドウでは発信も着信もできなくなりました。
log-requesting-token = アクセストークンを要求しています…
log-got-token = 「{ $identity }」のトークンを取得しました。
log-phone-not-started = 電話を起動できませんでした
log-registered = 待受中：Twilioに登録しました。
log-network-back = ネットワークが戻りました。
log-computer-offline = パソコンがオフラインになりました。
token-why-after-call = 通話が終わったのでアクセストークンを更新します
token-why-expiring = アクセストークンの期限が近づいています
token-why-twilio-expired = アクセストークンの期限切れがTwilioから通知されました
token-why-expired-offline = オフラインの間にアクセストークンの期限が切れました
token-why-expired-asleep = スリープ中にアクセストークンの期限が切れました
log-token-renew-deferred = { $why }。この通話の終了後に更新します。
log-token-renewing = { $why }。更新しています…
log-token-renewed = アクセストークンを更新しました。
log-token-renew-failed = アクセストークンを更新できませんでした：{ $message }
    .fix = 設定でTwilioの情報を確認してください。
log-asked-answer-no-call = 応答を求められましたが、着信はありません。
log-asked-hang-up-no-call = 通話終了を求められましたが、通話はありません。
log-asked-mute-no-call = ミュートを求められましたが、通話中ではありません。
log-handed-in-during-call = 他のアプリから{ $number }への発信を求められました。この通話を終えてから発信してください。
log-handed-in = 他のアプリから{ $number }が渡されました。「発信」を押すと発信します。
log-cant-follow-window = 通話ウィンドウの状態を取得できません：{ $message }
log-cant-follow-commands = アプリからの操作を受け取れません：{ $message }
log-cant-follow-webhook = Webhookリスナーの状態を取得できません：{ $message }
log-cant-follow-journal = 通話履歴の変更を受け取れません：{ $message }
log-what-to-do = 対処：
log-title = 動作ログ

## The dial pad

dial-blocked = まだ発信できません：{ $reason }
dial-blocked-not-connected = 電話がまだ接続されていません。

## A failed token request

token-fix-settings = 設定を開いてTwilioの情報を入力してください。
token-fix-settings-elsewhere = Dialtoneのアプリ画面でTwilioの情報を入力してから、ここに戻ってください。
token-setup-needed = 初期設定が必要
token-no-token-detail = アクセストークンを取得できません：{ $message }。
token-no-token-log = アクセストークンを取得できません：{ $message }
token-keychain-locked = キーチェーンがロック中
token-keychain-detail = システムのキーチェーンがロックされているか、接続できません：{ $message }。
token-keychain-log = システムのキーチェーンから認証情報を読めません：{ $message }
token-keychain-fix = メッセージのとおりにキーチェーンのロックを解除してから、再試行してください（設定を閉じても再試行します）。
token-settings-unreadable = 設定を読めません
token-settings-detail = { $message }。
token-settings-log = 設定を読めません：{ $message }
token-settings-fix = メッセージに示されたファイルを修正するか削除してから、再試行してください。
token-none = アクセストークンなし
token-create-failed-detail = アクセストークンを作成できません：{ $message }。
token-create-failed-log = アクセストークンを作成できません：{ $message }
token-create-failed-fix = 設定でAccount SID、API Key SID、API Key Secretを確認してください。
token-unreachable = Dialtoneに接続できません
token-unreachable-fix = Dialtoneが起動しているか確認してから、再試行してください。
token-session-lost = セッション切れ
token-session-lost-fix = Dialtoneのアプリ画面で「通話ウィンドウを開き直す」を選んでください。このウィンドウは閉じてかまいません。
token-refused = 拒否されました
token-refused-detail = Dialtoneがこのウィンドウを拒否しました：{ $message }。
token-refused-log = Dialtoneがトークンの要求を拒否しました：{ $message }
token-refused-fix = ブックマークや別のアドレスからではなく、Dialtoneのアプリから通話ウィンドウを開いてください。
token-waiting = 待機中
token-waiting-detail = トークンの要求が多すぎます。{ $seconds }秒後に再試行します。
token-waiting-log = 次のトークン要求まで待つようDialtoneから指示されました：{ $message }
token-waiting-fix = { $seconds }秒後に自動で再試行します。
token-other-fix = 再試行してください。失敗が続く場合は設定を確認してください。
session-lost = この通話ウィンドウのセッションが切れました。Dialtoneで「通話ウィンドウを開き直す」を選んでください。

## Talking to the Rust side

ipc-unexpected-answer = アプリから予期しない応答がありました
ipc-unreachable = Dialtoneに接続できません。アプリは起動していますか？
ipc-http-status = DialtoneがHTTP { $status }を返しました
ipc-rate-limited = 要求が多すぎます。数秒待ってください

## The calling window as the app window sees it

cw-status-setup-needed = 設定でTwilioの情報を入力してください。保存すると通話ウィンドウが開きます。
cw-status-opening = 通話ウィンドウを開いています…
cw-status-closed = 通話ウィンドウが閉じています
cw-status-closed-detail = 通話は通話ウィンドウで行いますが、今は開いていません。発信・着信するには開き直してください。
cw-status-registering = 通話ウィンドウがTwilioに接続しています…
cw-status-ready = 着信は通話ウィンドウで受けます。
cw-status-offline = 通話ウィンドウとTwilioの接続が切れました。再接続しています。
cw-status-error = 通話ウィンドウをTwilioに登録できませんでした。
cw-status-unsupported = 通話ウィンドウのブラウザーがWebRTCに対応していません。ChromiumかFirefoxをインストールしてください。

## Numbers as typed

number-empty = 発信する番号を入力してください。
number-letters = 電話番号に文字は使えません（「{ $letters }」があります）。数字で入力してください。
number-tone-digits = *と#は、通話がつながってからトーンとして送るものです。発信するには削除してください。
number-bad-character = 「{ $character }」は電話番号に使えません。数字を使い、国番号の前に+を付けてください。
number-plus-inside = +は先頭（国番号の前）にだけ付けます。
number-needs-country = 国番号を付けてください：+から始めます（例：米国は+1、英国は+44、日本は+81）。設定でTwilio番号を入れると、国内の番号もそのまま使えます。
number-after-plus = +の後に国番号と番号を入力してください。
number-code-zero = 国番号は0から始まりません。+の後に国番号を入力してください（例：日本は+81）。
number-code-incomplete = 入力を続けてください。国番号がまだ途中です。
number-code-unknown = { $start }…で始まる国番号はありません。+の後の国番号を確認してください。
number-too-long = { $scope ->
        [home] { $code }（Twilio番号の国）の番号としては長すぎます。
        [code] { $code }の番号としては長すぎます。
       *[unknown] この国の番号としては長すぎます。
    }{ $abroad ->
        [yes] 他の国へは+から入力してください。
       *[no] {""}
    }
number-too-short = { $scope ->
        [home] { $code }（Twilio番号の国）の番号としては短すぎます。
        [code] { $code }の番号としては短すぎます。
       *[unknown] この国の番号としては短すぎます。
    }{ $abroad ->
        [yes] 他の国へは+から入力してください。
       *[no] {""}
    }
number-invalid-length = { $scope ->
        [home] { $code }（Twilio番号の国）の番号としては桁数が合いません。
        [code] { $code }の番号としては桁数が合いません。
       *[unknown] この国の番号としては桁数が合いません。
    }桁の抜けや余分がないか確認してください。{ $abroad ->
        [yes] 他の国へは+から入力してください。
       *[no] {""}
    }
party-unknown = 発信者不明
party-app-user = { $name }（アプリのユーザー）
party-withheld = 非通知

## The window

app-settings-button =
    .aria-label = 設定
unsupported-title = このウィンドウでは通話できません
unsupported-why = 通話にはWebRTCが必要ですが、このシステムのWebビュー（多くのLinuxディストリビューションが採用するWebKitGTK）は対応していません。
unsupported-what-to-do = 対処
unsupported-step-settings = Twilioの情報はここの設定で入力してください。通話ウィンドウでも使われます。
unsupported-step-browser = 発信・着信は、WebRTC対応ブラウザー（Chromium、Chrome、Edge、Brave、Firefox）で開くDialtoneの通話ウィンドウで行います。
unsupported-step-other-systems = WindowsとmacOSでは、このウィンドウで通話できます。
incoming-title = 着信
incoming-accept = 応答
incoming-decline = 拒否
keypad-star =
    .aria-label = アスタリスク
keypad-pound =
    .aria-label = シャープ
dial-section =
    .aria-label = キーパッド
dial-input =
    .placeholder = 電話番号を入力
dial-input-label = 発信する番号
dial-call-button =
    .aria-label = 発信
dial-backspace =
    .aria-label = 1文字削除
dial-plus =
    .aria-label = プラス（国番号）
dial-keys =
    .aria-label = ダイヤルキー
dial-will-call = 発信先：{ $number }

## A call

call-duration =
    .aria-label = 通話時間
call-muted-badge = マイクはミュート中です
call-tones-sent =
    .aria-label = 送信したトーン
call-keypad-tones =
    .aria-label = トーン送信キー
call-mute = ミュート
call-muted = ミュート中
call-keypad = キーパッド
call-hang-up =
    .aria-label = 通話終了
call-calling = 発信中…
call-ringing = 呼び出し中…
call-connecting = 接続中…
call-reconnecting = 再接続中…
call-connected = 通話中

## The calling window panel

cw-title = 通話ウィンドウ
cw-why = このウィンドウでは通話できないため（WebビューがWebRTCに非対応）、Dialtoneが開くブラウザーのウィンドウで通話します。設定はここで行います。
cw-reopen = 通話ウィンドウを開き直す
cw-opening = 開いています…
cw-not-open = 閉じています
cw-open = 開いています
cw-open-in = { $browser }で表示中
cw-opens-in = { $browser }で開きます。
cw-in-call = 通話中
cw-call-from = 着信元
cw-call-to = 発信先
cw-outgoing = 発信
# The caller is shown large on its own line (the card is headed 着信): only what to do follows.
cw-ringing-text = { $caller }通話ウィンドウで応答してください。

## Settings: inline validation

valid-sid-prefix = { $prefix }で始まり、16進数32桁が続きます（{ $where }）。
valid-sid-hex = { $prefix }の後はちょうど16進数32桁（0-9、a-f）です。入力は{ $count }文字{ $nonhex ->
        [yes] で、16進数でない文字を含みます
       *[no] {""}
    }。
valid-url-parse = トンネルのhttpsアドレス全体を、/handle_callsで終わる形で入力してください（例：https://abc123.ngrok.app/handle_calls）。
valid-url-https = https://で始めてください（TwilioはWebhookをhttpsで署名して送ります）。
valid-url-path = 末尾は/handle_calls（Dialtoneが応答するパス）にしてください。
valid-url-query = ?クエリや#フラグメントは付けないでください。
valid-url-user = ユーザー名やパスワードは含めないでください。
valid-url-exact = { $url }のとおりに入力してください（ホスト名は小文字、余分な文字なし）。
valid-number-country = +と国番号から入力してください（例：+815012345678）。
valid-countries-comma = カンマ1つで区切ってください（例：1,44）。
valid-countries-code = { $entry }という国番号はありません。1、44、81などの国番号を使ってください。
valid-countries-region = 「{ $entry }」は国番号でも2文字の国コード（PR、JM、JEなど）でもありません。
valid-numbers-comma = 番号はカンマ1つで区切ってください。
valid-numbers-entry = 「{ $entry }」：{ $problem }
valid-required-account-sid = 必須：Account SID（Twilio Console › Account Info）。
valid-required-api-key-sid = 必須：API Key SID（Twilio Console › API keys & tokens）。
valid-required-twiml-app-sid = 必須：TwiML App SID（Twilio Console › Voice › TwiML Apps）。
valid-required-number = 必須：Twilioの電話番号（例：+815012345678）。
valid-auth-token = Auth Tokenは16進数32桁（0-9、a-f）です。入力は{ $count }文字です。
valid-api-key-secret = API Key Secretに空白は含まれません。もう一度貼り付けてください。
valid-identity-length = 121文字以内で入力してください（現在{ $count }文字）。
valid-identity-characters = 使えるのは英数字とアンダースコアだけです（+や空白など、それ以外はTwilioが受け付けません）。
valid-port = ポートは1～65535の整数で入力してください。
valid-call-seconds = 1～{ $max }の秒数を整数で入力してください。上限の4時間はTwilioの制限です（例：1時間なら3600）。
valid-language = auto、en、jaのいずれかを選んでください。
valid-switch = onかoffを指定してください。
valid-shortcut-shape = 修飾キーと1つのキーを+でつないで入力してください（例：Ctrl+Alt+A）。
valid-shortcut-key-last = 最後はキーそのものにしてください（例：Ctrl+Alt+A）。
valid-shortcut-one-key = キーは修飾キー（Ctrl、Alt、Shift、Super）の後に1つだけです（例：Ctrl+Alt+A）。
valid-shortcut-modifier = Ctrl、Alt、Superのいずれかを付けてください。キー1つだけだと、他のすべてのアプリでそのキーが使えなくなります（F9などのファンクションキーは単独でも可）。
valid-greeting-length = 500文字以内で入力してください（現在{ $count }文字）。
valid-seconds-range = { $min }～{ $max }の秒数を整数で入力してください。

## Settings: fields, hints and sections

field-account-sid = Account SID
field-auth-token = Auth Token
field-api-key-sid = API Key SID
field-api-key-secret = API Key Secret
field-twiml-app-sid = TwiML App SID
field-twilio-number = Twilio番号
field-identity = クライアントID
field-public-url = 公開Webhook URL
field-port = リスナーのポート
field-allowed-country-codes = 発信を許可する国
field-allowed-numbers = 発信を許可する番号
field-max-call-seconds = 最大通話時間
field-voicemail = 留守番電話
field-voicemail-greeting = 応答メッセージ
field-voicemail-max-secs = 最大録音時間（秒）
field-ring-secs = 呼び出し時間（秒）
field-do-not-disturb = おやすみモード
field-call-at-once = 他のアプリから番号を渡されたらすぐ発信
field-launch-at-login = ログイン時に起動
field-close-to-tray = ウィンドウを閉じてもトレイで動作を続ける
field-shortcut-answer = ショートカット：応答
field-shortcut-hang-up = ショートカット：通話終了
field-shortcut-mute = ショートカット：ミュート
field-language = 表示言語
hint-account-sid = Twilio Console › Account Infoにあります。ACで始まります。
hint-auth-token = Twilio Console › Account Infoにあります。WebhookがTwilioから届いたものかの確認に使います。
hint-api-key-sid = Twilio Console › API keys & tokensにあります。SKで始まります。
hint-api-key-secret = APIキーを作成したときに一度だけ表示されます。
hint-twiml-app-sid = Twilio Console › Voice › TwiML Appsにあります。APで始まります。
hint-twilio-number = 発信元・着信先になる番号（例：+815012345678）。
hint-identity = この電話が登録される名前です。空欄なら既定値になります。
hint-public-url = トンネル（ngrok、cloudflaredなど）のhttpsアドレスに/handle_callsを付けたもの。
hint-port = トンネルの転送先になるローカルのポート。既定は3000。
hint-allowed-country-codes = 発信できるのは、ここに挙げた国だけです。国番号か、国番号を共有する地域の2文字コード（1は米国とカナダ。その他の+1の国はPR、JMなどを追加）。既定はお使いの番号の国です。
hint-allowed-numbers = 国や番号の種類（高額課金、通話料分担、パーソナル番号）で拒否される場合でも発信する番号（例：+447012345678）。カンマで区切ります。
hint-max-call-seconds = 発信・着信とも、この秒数で通話を切ります。既定は14400（4時間）。
hint-voicemail = 応答しなかった着信を留守番電話に転送します。既定はオン。
hint-voicemail-greeting = 発信音の前に発信者に流すメッセージです（録音した応答メッセージがあればそちらを使います）。
hint-voicemail-max-secs = 1件のメッセージを録音できる最大の秒数です。既定は120。
hint-ring-secs = 留守番電話に切り替わるまで呼び出す秒数です。既定は30。
hint-do-not-disturb = 着信音を鳴らさずに、すぐ留守番電話に転送します。
hint-call-at-once = tel:リンクとdialtone callで使います。オフのときは、番号がキーパッドに入り、「発信」を押すと発信します。
hint-launch-at-login = このパソコンにログインしたときにDialtoneを起動します。
hint-close-to-tray = ウィンドウを閉じるとDialtoneはトレイに隠れ、着信は引き続き鳴ります。トレイを表示するデスクトップでのみ有効で、それ以外では閉じると終了します。
hint-shortcut-answer = どのアプリを使っていても着信に応答します（例：Ctrl+Alt+A）。空欄なら設定なし。X11のみ（Waylandではアプリがグローバルショートカットを使えません）。
hint-shortcut-hang-up = 通話を終了するか、着信を拒否します（例：Ctrl+Alt+H）。空欄なら設定なし。X11のみ。
hint-shortcut-mute = 通話のミュートを切り替えます（例：Ctrl+Alt+M）。空欄なら設定なし。X11のみ。
hint-language = Dialtoneの画面の言語です。「システムに合わせる」ではパソコンの言語に従います。
section-twilio-account = Twilioアカウント
section-your-phone = この電話
section-webhook = Webhook
section-voicemail = 留守番電話
section-desktop = デスクトップ
section-language = 言語
source-environment = 環境変数
source-dotenv = .envファイル
source-keychain = キーチェーン
source-settings-file = 保存済み
source-default = 既定値
source-unset = 未設定
source-secret-set = { $source ->
        [environment] 設定済み・環境変数
        [keychain] 設定済み・キーチェーン
        [settings-file] 設定済み・保存済み
        [dotenv] 設定済み・.envファイル
       *[other] 設定済み
    }
placeholder-secret-set =
    .placeholder = 設定済み。置き換えるには新しい値を入力
placeholder-secret-set-read-only =
    .placeholder = 設定済み
placeholder-unset =
    .placeholder = 未設定
placeholder-identity =
    .placeholder = 番号から自動で決まります
placeholder-identity-default =
    .placeholder = 既定値：{ $identity }
hint-from-environment = 環境変数で設定されており、保存した値より優先されます。
hint-from-dotenv = `dialtone phone`を起動したフォルダーの.envファイルから読み込まれており、保存した値より優先されます。

## Settings: the panel

settings-title = 設定
settings-back =
    .aria-label = 電話に戻る
settings-save = 保存
settings-unsaved = 変更はまだ保存されていません。
settings-unreadable = 設定を読めません：{ $message }
settings-read-only = 設定はDialtoneのアプリ画面で変更してください。この通話ウィンドウでは表示のみです。
settings-no-keychain = システムのキーチェーンが使えません。認証情報を保存できないため、環境変数か.envファイルで設定してください。
settings-no-keychain-because = システムのキーチェーンが使えません（{ $message }）。認証情報を保存できないため、環境変数か.envファイルで設定してください。
settings-fill-in = 電話を使い始めるには、Twilioの情報を入力してください。
settings-fix-marked = 印の付いた項目を直してから保存してください。
settings-nothing-changed = 変更はありません。
settings-saving = 保存しています…
settings-saved-complete = { $keychain ->
        [yes] 保存しました。認証情報はシステムのキーチェーンにあります。電話を再接続しています。
       *[no] 保存しました。電話を再接続しています。
    }
settings-saved-incomplete = { $keychain ->
        [yes] 保存しました。認証情報はシステムのキーチェーンにあります。まだ足りない項目があります。
       *[no] 保存しました。まだ足りない項目があります。
    }
settings-not-saved = 保存できませんでした：{ $message }
settings-language-saved = 表示言語を保存しました。
hint-language-environment = 環境変数DIALTONE_LANGUAGEで設定されており、ここでの選択より優先されます。
language-auto = システムに合わせる
language-en = English
language-ja = 日本語

## Settings: the .env import

import-title = .envファイルの読み込み
import-hint = チュートリアルの変数（TWILIO_ACCOUNT_SID、TWILIO_API_KEY_SID、TWILIO_API_KEY_SECRET、TWIML_APP_SID、TWILIO_NUMBERなど）を読み込み、フォームと同じように保存します。
import-choose-file = ファイルを選択
import-paste = または内容を貼り付け
import-pasted = 貼り付けた内容を読み込む
import-empty = .envの内容が空です。
import-done = { $count }件の設定を読み込みました：{ $names }。
import-nothing = Dialtoneの設定が見つかりませんでした。
import-failed = 読み込めませんでした：{ $message }

## Settings: the webhook listener card

webhook-title = ローカルリスナー
webhook-refresh =
    .aria-label = リスナーの状態を更新
webhook-no-url = 上の公開URLを保存すると、貼り付けるアドレスが表示されます。
webhook-voice-url = Voice Request URL
webhook-url-code =
    .aria-label = Voice Request URL
webhook-step-app = { $app ->
        [none] Twilio Consoleで{ $menu } ›お使いのアプリを開き、上のURLを{ $field }に貼り付けて、メソッドをHTTP POSTにして保存します。
       *[other] Twilio Consoleで{ $menu } › { $app }を開き、上のURLを{ $field }に貼り付けて、メソッドをHTTP POSTにして保存します。
    }
webhook-step-number = { $number ->
        [none] { $menu } ›お使いの番号を開き、Voice Configurationで{ $choice }を選んで、同じアプリを指定して保存します。
       *[other] { $menu } › { $number }を開き、Voice Configurationで{ $choice }を選んで、同じアプリを指定して保存します。
    }
webhook-copy = コピー
webhook-copied = コピー済み
webhook-press-ctrl-c = Ctrl+Cでコピー
webhook-copied-spoken = Voice Request URLをコピーしました。
webhook-copy-failed = コピーできませんでした。URLを選択してあるので、Ctrl+Cを押してください。
webhook-state-unreadable = リスナーの状態を読めません：{ $message }
webhook-state-unknown = リスナーの状態は不明です。
webhook-listening = { $address }で待ち受け中
webhook-listening-unknown = 不明なアドレスで待ち受け中
webhook-starting = 起動中…
webhook-failed = 停止中：{ $message }
webhook-failed-unknown = 停止中：起動に失敗しました
webhook-stopped = 停止中
webhook-last = 最後のWebhook：{ $time }・HTTP { $status }・{ $outcome }
webhook-none-yet = TwilioからのWebhookはまだ届いていません。

## Rust: the calling window's own pages

launch-opening = 電話を開いています…
launch-used = このリンクは使用済みです。Dialtoneで「通話ウィンドウを開き直す」を選ぶと新しいリンクが開きます。
refusal-no-session = この電話のページはDialtoneアプリから開きます。アプリで「通話ウィンドウを開き直す」を選んでください。
refusal-forbidden = アクセスできません。
refusal-rate-limited = トークンの要求が多すぎます。数秒待ってください。
page-not-found = ページが見つかりません。

## Rust: errors the UI shows

error-joined = { $first }。{ $second }
error-name-list = { $first }、{ $second }
error-missing-name = { $label }（{ $variable }）
error-missing-settings = 未設定の項目があります：{ $names }。設定画面、`dialtone config set FIELD`、または環境変数で設定してください
error-invalid-value = { $label }（{ $name }）が正しくありません。正しい形式：{ $shape }
error-keychain-unavailable = システムのキーチェーンに接続できません（{ $detail }）。DialtoneはTwilioの認証情報をキーチェーンにだけ保存し、平文のファイルには保存しません。{ $fix }
keychain-fix-linux = Secret Serviceのプロバイダー（GNOME Keyring、KWallet、Secret Serviceを有効にしたKeePassXC）を起動してロックを解除し、このセッションでDBUS_SESSION_BUS_ADDRESSが設定されていることを確認してから、もう一度お試しください。TWILIO_ACCOUNT_SIDなどの環境変数はキーチェーンなしでも使えます。
keychain-fix-macos = 「キーチェーンアクセス」でログインキーチェーンのロックを解除してから、もう一度お試しください。TWILIO_ACCOUNT_SIDなどの環境変数はキーチェーンなしでも使えます。
keychain-fix-windows = Windowsの資格情報マネージャーがこのユーザーで使えることを確認してから、もう一度お試しください。TWILIO_ACCOUNT_SIDなどの環境変数はキーチェーンなしでも使えます。
error-keychain-refused = キーチェーンが{ $field }の{ $action ->
        [read] 読み取り
        [save] 保存
        [delete] 削除
       *[open] 参照
    }を拒否しました：{ $detail }
error-keychain-with-missing = { $keychain }（{ $missing }）
error-settings-corrupt = 設定ファイル{ $path }が正しいJSONではありません（{ $detail }）。修正するか、削除してやり直してください
error-settings-io = 設定ファイル{ $path }の{ $action ->
        [read] 読み込み
        [write] 書き込み
        [replace] 置き換え
        [create-folder] フォルダー作成
       *[other] 操作
    }に失敗しました：{ $detail }
error-no-config-dir = 設定フォルダーが見つかりません。DIALTONE_CONFIG_DIRに書き込めるフォルダーを指定してください
error-token-ttl = トークンの有効期間{ $ttl }秒は使えません。{ $min }～{ $max }秒で指定してください（Twilioは24時間を超える期間を受け付けません）
error-token-clock = 時計が1970年より前を指しています。システムの時計を合わせてください
error-token-signing = トークンに署名できませんでした：{ $detail }
error-dotenv-invalid = 正しい.envファイルではありません：{ $detail }
error-dotenv-line = 読めない行があります（{ $index }文字目付近）。各設定はNAME=valueの形で書き、空白を含む値は引用符で囲んでください
error-dotenv-other = 正しい.envファイルではありません
error-dotenv-none = Dialtoneの設定（TWILIO_ACCOUNT_SID、TWILIO_API_KEY_SIDなど）が含まれていません
error-internal = 要求を処理できませんでした：{ $detail }
error-port-in-use = ポート{ $port }は他のアプリが使用中です。別のポートを選んでください：`dialtone serve --port { $next }`、DIALTONE_PORT={ $next }、または設定の「リスナーのポート」（トンネルの転送先も合わせて変更）
error-port-privileged = ポート{ $port }は管理者権限なしでは開けません。1024～65535のポートを選んでください
error-port-bind = 127.0.0.1:{ $port }で待ち受けできません：{ $detail }

## Rust: Twilio's REST API (src-tauri/twilio/error.rs)

rest-unreachable = { $host }のTwilioに接続できません：{ $reason }。インターネット接続{ $elsewhere ->
        [yes] と、Dialtoneの接続先をapi.twilio.com以外に変えているDIALTONE_TWILIO_API_BASE
       *[no] {""}
    }を確認してください
rest-timeout = { $host }のTwilioが{ $seconds }秒以内に{ $what }に応答しませんでした。もう一度お試しください。繰り返す場合は、接続とTwilioの稼働状況（https://status.twilio.com）を確認してください
rest-bad-response = { $what }へのTwilioの応答を読み取れませんでした（{ $reason }）。Dialtoneの不具合か、Twilio側の変更です
rest-invalid-sid = { $what } { $value }はTwilioのSIDではありません。SIDは{ $prefix }と16進数32桁です
rest-base-url = TwilioのAPIベースURL { $url }は使えません：{ $reason }
rest-base-url-not-a-url = URLではありません。「https://api.twilio.com」を使ってください
rest-base-url-plain-http = 暗号化されないhttpは、このパソコン（127.0.0.1）宛てにしか使えません。httpsを使ってください
rest-base-url-not-https = https://で始まる必要があります
rest-base-url-credentials = URLに認証情報を含めることはできません
rest-client-setup = HTTPクライアントを準備できませんでした：{ $detail }
rest-api-credentials = Twilioが認証情報を受け付けませんでした（{ $words }）。設定のAccount SIDとAuth Token（またはAPIキーのSIDとシークレット）を確認してください。Standard APIキーではアカウントの読み取りやキーの管理はできません
rest-api-not-found = Twilioの{ $request }には何もありません（{ $words }）。SIDが間違っているか、削除されています。Twilio Consoleで確認してください
rest-api-rate-limited = このアカウントからの要求が多すぎるため、Twilioが制限しています{ $tries ->
        [0] {""}
        [1] {""}
       *[other] （{ $tries }回試行）
    }。{ $wait ->
        [0] {""}
       *[other] Twilioからは{ $wait }秒待つよう求められています。
    }1分ほど待ってからもう一度お試しください
rest-api-app-sid = TwilioがTwiML App SIDを受け付けませんでした（{ $words }）。このアカウントのTwiML Appを使ってください：Console › Voice › TwiML Apps
rest-api-url = TwilioがURLを受け付けませんでした（{ $words }）。Twilioから届く完全なhttps:// URL（トンネルのURLに/handle_callsを付けたものなど）を使ってください
rest-api-method = TwilioがHTTPメソッドを受け付けませんでした（{ $words }）。GETかPOSTを使ってください
rest-api-too-many-apps = このアカウントのTwiML Appは、すでにTwilioの上限の1000個に達しています（{ $words }）。Console › Voice › TwiML Appsで使っていないものを削除してください
rest-api-down = 現在TwilioのAPIが正常に動作していません{ $tries ->
        [0] {""}
        [1] {""}
       *[other] （{ $tries }回試行）
    }（{ $words }）。しばらくしてからもう一度お試しください。復旧の状況：https://status.twilio.com
rest-api-refused = Twilioが{ $request }をHTTP { $status }で拒否しました：{ $words }

## Rust: set-up's errors and what it put back (src-tauri/setup/)

sentence-then = { $first }{ $second }
setup-step-check-account = Account SIDとAuth Tokenの確認
setup-step-list-numbers = アカウントの電話番号の取得
setup-step-list-caller-ids = アカウントの認証済み発信者番号の取得
setup-step-check-key = APIキーの確認
setup-step-create-key = APIキーの作成
setup-step-find-app = DialtoneのTwiML Appの検索
setup-step-create-app = TwiML Appの作成
setup-step-point-app = TwiML AppのVoice URLの設定
setup-step-find-number = 番号の音声設定の読み取り
setup-step-bind-number = 番号とTwiML Appの接続
setup-step-restore-number = 番号の音声設定の復元
setup-step-delete-app = TwiML Appの削除
setup-step-delete-key = APIキーの削除
setup-failed-credentials = TwilioがこのAccount SIDとAuth Tokenを受け付けませんでした（エラー20003）。Twilio ConsoleのAccount Infoから両方をもう一度コピーしてください（Auth Tokenはクリックすると表示されます）。何も保存していません
setup-failed-account-inactive = このTwilioアカウントは{ $status }の状態のため、発信も着信もできません。Twilio Consoleでアカウントを再開してから、初期設定をやり直してください
setup-failed-no-voice-number = このTwilioアカウントには音声通話を受けられる電話番号がありません{ $others ->
        [0] {""}
       *[other] （音声に対応していない番号が{ $others }件あります）
    }。Twilio Console（Phone Numbers › Buy a number、Voice付き）で番号を購入してから、初期設定をやり直してください
setup-failed-no-such-number = { $number }はこのTwilioアカウントの音声対応番号ではありません。音声対応番号は{ $choices }です
setup-failed-needs-confirmation = { $number }の着信は現在{ $wired }に送られています。Dialtoneが引き継ぐのは確認したときだけです（コマンドラインでは--force）。元の設定は記録し、切断すると元に戻します
setup-failed-caller-id = { $caller }は発信者番号に使えません。このアカウントの番号でも、認証済み発信者番号（Twilio Console › Phone Numbers › Verified Caller IDs）でもありません。{ $choices }から選んでください
setup-failed-declined = 「{ $what }」を許可しなかったため、中止しました
setup-failed-not-set-up = 元に戻すものがありません。このパソコンで行った初期設定の記録がありません（記録の場所：{ $path }）。手作業で行った設定はTwilio Consoleで元に戻してください
setup-failed-step = { $step }ができませんでした：{ $reason }
setup-failed-stopped = 初期設定を中止しました：{ $cause }。
setup-failed-nothing-changed = Twilioアカウントはまだ何も変更しておらず、何も保存していません。
setup-failed-put-back = 元に戻したもの：{ $items }。何も保存していません。
setup-failed-left = 元に戻せなかったもの（Twilio Consoleで戻してください）：{ $items }。
setup-undo-unfinished = 元に戻す処理が完了しませんでした：{ $items }。
setup-undo-done = 完了したもの：{ $items }。
setup-undo-try-again = 記録は残してあるので、`dialtone setup --undo`（または設定の「この番号を切断」）で残りをもう一度試せます。
setup-undo-did-not-happen = 「{ $what }」ができませんでした（{ $why }）
setup-undo-step-failed = { $step }：{ $reason }
setup-undo-declined = 「{ $what }」を許可しませんでした
setup-undone-new-key = 新しいAPIキー{ $sid }を削除しました
setup-undone-new-app = 新しいTwiML App { $sid }を削除しました
setup-undone-app-url = TwiML App { $sid }のVoice URLを元に戻しました
setup-undone-number = { $number }の着信の送り先を{ $voice }に戻しました
setup-undone-number-gone = { $number }はもうアカウントにないため、戻すものはありませんでした
setup-undone-app = TwiML App { $sid }を削除しました
setup-undone-app-gone = TwiML App { $sid }はすでに削除されていました
setup-undone-key = APIキー{ $sid }を削除しました
setup-undone-key-gone = APIキー{ $sid }はすでに削除されていました
setup-record-corrupt = 初期設定がTwilioアカウントに加えた変更の記録{ $path }を読み込めません（{ $detail }）。元に戻すにはこの記録が必要です。バックアップから復元するか、Twilio Consoleで手作業で元に戻してからファイルを削除してください
setup-record-io = 初期設定がTwilioアカウントに加えた変更の記録{ $path }の{ $action ->
        [read] 読み込み
        [write] 書き込み
        [replace] 置き換え
        [delete] 削除
       *[create-folder] フォルダー作成
    }に失敗しました：{ $detail }
journal-moved-aside = 通話履歴のファイルが壊れていたため{ $path }に移し、新しいファイルで記録を始めました
setup-env-overrides = Dialtoneの環境変数で{ $variable }が設定されているため、初期設定で保存した値の代わりにそちらが使われます

## Rust: the desktop shell's problems, shown under a setting (src-tauri/desktop/)

shortcut-wayland = Waylandではアプリがグローバルショートカットを使えないため、このショートカットは無効です。代わりにデスクトップのキーボード設定で、キーにdialtone answer、dialtone hangup、dialtone muteのコマンドを割り当ててください。
shortcut-no-display = ショートカットを受け取るX11ディスプレイがない（DISPLAYが未設定の）ため、無効です
shortcut-duplicate = { $keys }はすでに「{ $other }」のショートカットです。それぞれ別の組み合わせにしてください
shortcut-unreadable = { $keys }はキーの組み合わせとして読み取れません：{ $detail }
shortcut-taken = { $keys }は他のアプリが使っているため無効です。別の組み合わせを選んでください
shortcut-failed = { $keys }をグローバルショートカットに設定できませんでした（{ $detail }）。別の組み合わせを選んでください
autostart-off-failed = ログイン時の起動をオフにできませんでした（{ $detail }）。デスクトップの自動起動アプリからDialtoneを削除してください
autostart-failed = ログイン時の起動を設定できませんでした（{ $detail }）。代わりにデスクトップの自動起動アプリにDialtoneを追加してください
autostart-path-with-space = ログイン時の起動は設定されていません。Dialtoneの場所{ $path }に空白が含まれ、自動起動の項目に書けません。空白のないフォルダーにDialtoneを移してから、もう一度保存してください
autostart-other-folder = ログイン時の起動は{ $written }に設定しましたが、XDG_CONFIG_HOMEが{ $config }なので、これに従うデスクトップは{ $read }を参照し、Dialtoneを起動しません。項目を{ $read }にコピーするか、デスクトップの自動起動の設定でDialtoneを追加してください

## Rust: the call journal's, voicemail's and contacts' errors (src-tauri/journal/)

error-journal-unavailable = 通話履歴を利用できません：{ $why }
error-journal-write-failed = 通話履歴に書き込めませんでした：{ $detail }
error-journal-writer-stopped = 通話履歴の書き込みが停止しています
error-journal-read-failed = 通話履歴を読み込めませんでした：{ $detail }
error-contacts-no-vcards = ファイルにvCard（BEGIN:VCARD … END:VCARD）がありません。連絡先をvCard（.vcf）形式で書き出してから、もう一度お試しください
error-voicemail-not-found = 留守番電話メッセージ{ $sid }はありません（削除された可能性があります）
error-contact-not-found = 連絡先{ $id }はありません（削除された可能性があります）
error-contact-needs-name = 連絡先には名前が必要です
error-contact-name-too-long = 名前が{ $max }文字を超えています
error-contact-needs-number = 連絡先には電話番号が1つ以上必要です
error-contact-too-many-numbers = 1件の連絡先に登録できる番号は{ $max }個までです
error-contact-not-a-number = { $number }はDialtoneが読み取れる電話番号ではありません。+と国番号を付けて書いてください（例：+815012345678）
error-voicemail-recording-gone = Twilioに録音{ $sid }がありません（Twilio Consoleで削除された可能性があります）
error-voicemail-recording-too-large = 録音が大きすぎて保存できません
error-greeting-not-audio = 応答メッセージはMP3かWAVのファイルにしてください。このファイルはどちらでもありません
error-greeting-too-large = 応答メッセージが{ $size }バイトあります。{ $max }MB未満にしてください（MP3の1分はおよそ1MBです）
error-greeting-empty = 応答メッセージが空です
error-greeting-no-folder = 応答メッセージを保存するデータフォルダーがありません
error-greeting-io = 応答メッセージを{ $path }に保存できませんでした：{ $detail }

## Rust: what voicemail says to callers (src-tauri/webhook/answering.rs), read by Twilio's <Say>

voicemail-spoken-greeting = ただいま電話に出ることができません。発信音のあとに、メッセージをお話しください。
voicemail-spoken-no-message = メッセージは録音されませんでした。失礼いたします。
voicemail-spoken-thanks = メッセージをお預かりしました。ありがとうございました。

## Rust: the remote checks of Settings › Twilio and `dialtone doctor` (src-tauri/setup/wiring.rs)

wiring-repair = 「修復」で直せます（または`dialtone setup --repair`）：{ $what }
wiring-repair-key = 新しいキーを作って保存します
wiring-repair-app = Dialtoneが新しく作ります
wiring-repair-voice-url = アプリに正しいURLを設定します
wiring-repair-number = 番号をもう一度アプリにつなぎます
wiring-not-set-up = Dialtoneの初期設定がまだ済んでいません：{ $why }
wiring-not-set-up-fix = 初期設定を行ってください：設定›「Twilioアカウントで初期設定」、または`dialtone setup`
wiring-unreachable = Twilioに問い合わせできませんでした：{ $why }
wiring-unreachable-fix = インターネット接続を確認して、もう一度お試しください
wiring-key-ok = APIキー{ $sid }で認証できます
wiring-app-ok = TwiML App { $sid }があります
wiring-key-refused = TwilioがAPIキー{ $sid }を受け付けませんでした。削除されたか、保存しているシークレットがこのキーのものではありません
wiring-app-gone = TwiML App { $sid }はもうありません
wiring-no-public-url = 公開URLがありません。リスナーに転送するトンネルが見つからず、設定もされていません
wiring-no-public-url-fix = ポート{ $port }へのトンネルを起動してください（`ngrok http { $port }`または`cloudflared tunnel --url http://127.0.0.1:{ $port }`）。Dialtoneが自動で見つけます。または設定で公開URLを指定してください
wiring-no-public-url-fix-no-port = リスナーのポートへのトンネルを起動するか、設定で公開URLを指定してください
wiring-voice-url-ok = Twilioは{ $url }を呼び出します
wiring-no-voice-url = Voice URLなし
wiring-voice-url-wrong = TwiML AppのVoice URLが{ $now }になっています（正しくは{ $url }、POST）
wiring-number-gone = { $number }はもうこのアカウントの番号ではありません
wiring-number-gone-fix = 初期設定をやり直して、アカウントの番号を選んでください
wiring-number-ok = { $number }の着信はTwiML Appに届きます
wiring-demo-answer = Twilioのデモ応答
wiring-nowhere = 未設定
wiring-number-elsewhere = { $number }の着信の送り先が{ $to }になっていて、DialtoneのTwiML Appではありません
wiring-number-unreadable = 番号を読み取れませんでした：{ $why }
wiring-try-again = もう一度お試しください
wiring-caller-id-ok = 発信時には{ $caller }が表示されます
wiring-your-number = お使いの番号
wiring-caller-id-gone = { $caller }はもうこのアカウントの番号でも認証済み発信者番号でもないため、発信時には代わりに{ $shown }が表示されます
wiring-caller-id-gone-fix = 設定で別の発信者番号を選んでください
shape-account-sid = ACで始まる16進数32桁（Twilio Console > Account Info）
shape-auth-token = 16進数32桁（Twilio Console > Account Info > Auth Token）
shape-api-key-sid = SKで始まる16進数32桁（Console > API keys & tokens）
shape-api-key-secret = APIキーを作成したときに一度だけ表示されるシークレット
shape-twiml-app-sid = APで始まる16進数32桁（Console > Voice > TwiML Apps）
shape-twilio-number = +と国番号から始まるTwilio番号（例：+815012345678）。桁数はその国の番号に合わせます
shape-identity = 英数字とアンダースコアで1～121文字
shape-public-url = トンネルのhttps URL（例：https://abc123.ngrok.app。末尾の/handle_callsはあってもなくても可）
shape-port = 1～65535のポート番号
shape-allowed-country-codes = カンマ区切りの国番号または2文字の国コード（例：1,44、1,PR）。1は米国とカナダです。その他の+1の国（PR、JMなど）や+44のJEなどの地域は、名前を挙げると許可されます
shape-allowed-numbers = +と国番号から始まる番号をカンマ区切りで（例：+442079460958,+12129761234）。国や番号の種類で拒否される場合でも発信します
shape-max-call-seconds = 1～14400の秒数（4時間、Twilioの上限）。例：1時間なら3600
shape-language = auto（システムに合わせる）、en、jaのいずれか
shape-switch = onまたはoff（true/false、yes/no、1/0も可）
shape-shortcut = Ctrl、Alt、Superを含むキーの組み合わせ（例：Ctrl+Alt+A。F9などのファンクションキーは単独でも可）。なしにするには空欄
shape-voicemail-greeting = 発信音の前に発信者に流す1～500文字のテキスト
shape-voicemail-max-secs = 5～3600の秒数
shape-ring-secs = 5～120の秒数

## Rust: the webhook card's outcome lines

outcome-outbound = { $to }への発信
outcome-outbound-refused = 発信を拒否：{ $reason }
outcome-echo-test = 通話環境テストの通話：エコー
outcome-incoming = { $caller }からの着信
outcome-withheld = 非通知
outcome-rejected = 拒否：{ $reason }
outcome-refused = 受付拒否（{ $status }）：{ $reason }
rejected-other-account = 別のTwilioアカウントの通話です
rejected-other-identity = 別のクライアントIDからの通話です
rejected-not-our-number = この番号宛ての通話ではありません
refused-not-a-form = application/x-www-form-urlencoded形式の本文ではありません
refused-unreadable-body = 本文を読み取れませんでした
refused-malformed-form = フォームの本文が正しくありません
refused-forbidden = アクセス拒否
refused-no-signature = アクセス拒否：X-Twilio-Signatureがありません
refused-bad-signature = アクセス拒否：X-Twilio-Signatureが一致しません（公開URLとAuth Tokenを確認してください）
refusal-not-a-number = 発信先がE.164形式の番号ではありません
refusal-unknown-country = 発信先の国番号が存在しません
refusal-country-not-allowed = 国番号+{ $code }は発信を許可する国に含まれていません。発信するには、設定の「発信を許可する国」に{ $code }を追加してください
refusal-region-not-allowed = { $number }は{ $region }の番号で、+{ $code }の許可には含まれません（+{ $code }は{ $regions }）。設定の「発信を許可する国」に{ $region }を、または「発信を許可する番号」に{ $number }を追加してください
region-list = { $first }・{ $second }
refusal-not-in-use = libphonenumberの+{ $code }のデータでは、{ $number }は使われていない番号です（入力ミスか、Dialtoneのデータより新しい番号帯）。正しい番号なら、設定の「発信を許可する番号」に{ $number }を追加してください
refusal-toll-fraud = { $number }は{ $risk }で、不正発信（トールフラウド）によく狙われる番号です。それでも発信するには、設定の「発信を許可する番号」に{ $number }を追加してください
risk-premium-rate = 高額課金番号
risk-premium-exchange = 高額課金番号（976局番）
risk-shared-cost = 通話料分担番号
risk-personal-number = パーソナル番号（どこへでも転送され、料金は発信者負担）
risk-pager = ポケベル番号
outcome-do-not-disturb = { $outcome }：おやすみモードのため留守番電話へ
outcome-unanswered-voicemail = 着信に応答なし（{ $status }）：留守番電話へ
outcome-unanswered = 着信に応答なし（{ $status }）
outcome-call-ended = 通話終了（{ $status }）
outcome-voicemail-left = 留守番電話にメッセージあり
outcome-voicemail-recording = 留守番電話の録音：{ $status ->
        [in-progress] 録音中
        [completed] 完了
        [absent] 音声なし
        [failed] 失敗
       *[other] { $status }
    }
error-type-auth-token = Auth Tokenを入力してください（Twilio Console › Account Info）

## The phone's tabs (views/tabBar.ts, views/phoneTabs.ts)

tabs-label =
    .aria-label = 電話
tab-keypad = キーパッド
tab-recents = 履歴
tab-voicemail = 留守番電話
tab-contacts = 連絡先
tab-badge-missed = 不在着信{ $count }件
tab-badge-voicemail = 新しいメッセージ{ $count }件
diagnostics-title = 診断
journal-unavailable = 通話履歴を利用できません：{ $reason }
journal-unavailable-unknown = 理由は不明です。

## Recents (views/recents.ts)

recents-title = 履歴
recents-filter-label =
    .aria-label = 表示
recents-filter-all = すべて
recents-filter-missed = 不在着信
recents-empty = 通話履歴はまだありません。
recents-empty-missed = 不在着信はありません。
recents-inbound-answered = 着信
recents-inbound-missed = 不在着信
recents-inbound-declined = 着信（拒否）
recents-inbound-busy = 着信（話し中）
recents-inbound-failed = 着信（失敗）
recents-inbound-refused = 着信（受付拒否）
recents-outbound-answered = 発信
recents-outbound-missed = 発信（応答なし）
recents-outbound-declined = 発信（拒否）
recents-outbound-busy = 発信（話し中）
recents-outbound-failed = 発信（失敗）
recents-outbound-refused = 発信（受付拒否）
recents-has-voicemail = 留守番電話
recents-call-back =
    .aria-label = { $party }に発信
    .title = 折り返し発信
recents-add-contact =
    .aria-label = { $party }を連絡先に追加
    .title = 連絡先に追加
recents-clear = 消去
recents-clear-question = 履歴をすべて消去しますか？留守番電話と連絡先は残ります。
recents-clear-confirm = 履歴を消去
recents-clear-cancel = キャンセル
recents-cleared = 履歴を消去しました。
recents-clear-failed = 履歴を消去できませんでした：{ $reason }
recents-quality-mos = 通話品質の平均スコア：{ $mos }（5点満点）。
recents-quality-worst = 最も悪かった時：{ $warning }
recents-quality-no-warning = 通話中に品質の警告はありませんでした。

## Voicemail (views/voicemail.ts, views/greeting.ts)

voicemail-title = 留守番電話
voicemail-empty = メッセージはありません。
voicemail-new = 新着
voicemail-player =
    .aria-label = 留守番電話のメッセージ
voicemail-play = 再生
voicemail-playing = 再生中
voicemail-loading = メッセージを読み込んでいます…
voicemail-play-failed = メッセージを再生できません：{ $reason }
voicemail-save = 保存
voicemail-saved = { $path }に保存しました
voicemail-save-failed = メッセージを保存できません：{ $reason }
voicemail-delete = 削除
voicemail-delete-confirm = 完全に削除
voicemail-delete-cancel = 残す
voicemail-deleted = メッセージを削除しました。
voicemail-delete-failed = メッセージを削除できませんでした：{ $reason }
greeting-title = 応答メッセージ
greeting-spoken = 発信者には、設定›留守番電話の応答メッセージが読み上げられます。
greeting-recorded = 発信者には、録音した応答メッセージが流れます。
greeting-upload = 応答メッセージをアップロード（MP3またはWAV）
greeting-clear = 読み上げに戻す
greeting-set = 録音した応答メッセージを保存しました。
greeting-cleared = 読み上げの応答メッセージに戻しました。
greeting-failed = 応答メッセージを変更できませんでした：{ $reason }
greeting-record = 応答メッセージを録音
greeting-record-title = 応答メッセージを録音
greeting-record-stop = 停止
greeting-record-play = 再生
greeting-record-play-stop = 再生を停止
greeting-record-save = 保存
greeting-record-discard = 破棄
greeting-record-level = あなたの声
greeting-record-starting = マイクを準備しています…
greeting-record-recording = 録音中です。応答メッセージを話し終えたら「停止」を押してください。{ $max }になると自動で停止します。
greeting-record-finishing = 録音を仕上げています…
greeting-record-ready = 録音（{ $length }）ができました。再生して確認し、応答メッセージとして保存するか破棄してください。
greeting-record-playing = 録音（{ $length }）を再生しています…
greeting-record-saving = 録音を応答メッセージとして保存しています…
greeting-record-discarded = 録音を破棄しました。応答メッセージは変わっていません。
greeting-record-stopped-by-call = 通話が始まったため録音を停止しました。何も保存していません。
greeting-record-in-call = 通話中は応答メッセージを録音できません。通話が終わってからもう一度お試しください。
greeting-record-no-microphone = マイクが見つかりません。
greeting-record-refused = マイクの使用が許可されませんでした。
greeting-record-busy = マイクを開けませんでした。
greeting-record-gone = 設定›サウンドで選んだマイクが接続されていません。
greeting-record-gone-fix = マイクを接続し直すか、設定›サウンドで別のマイクを選んでください。
greeting-record-unsupported = このウィンドウではマイクから録音できません。
greeting-record-unsupported-fix = 代わりにMP3かWAVのファイルをアップロードするか、通話ウィンドウで録音してください。
greeting-record-silent = 録音が無音です。マイクから音が届かなかったため、何も残していません。
greeting-record-silent-fix = マイクがミュートになっていないか（ヘッドセットやケーブルのスイッチ、システムのサウンド設定）、設定›サウンドで正しいマイクが選ばれているかを確認して、もう一度録音してください。
greeting-record-failed = 録音に失敗しました。
greeting-record-failed-fix = もう一度お試しください。失敗が続く場合は、MP3かWAVのファイルをアップロードしてください。
greeting-record-convert-failed = 録音をWAVファイルに変換できなかったため、応答メッセージは変わっていません：{ $reason }

## Contacts (views/contacts.ts, views/contactForm.ts)

contacts-title = 連絡先
contacts-add = 連絡先を追加
contacts-search-label = 連絡先を検索
contacts-search =
    .placeholder = 名前または番号で検索
contacts-empty = 連絡先はまだありません。追加するか、vCardファイルを読み込んでください。
contacts-none-found = 一致する連絡先はありません。
contacts-call =
    .aria-label = { $party }に発信
    .title = 発信
contacts-edit = 編集
contacts-delete = 削除
contacts-delete-confirm = 完全に削除
contacts-delete-cancel = 残す
contacts-deleted = { $name }を削除しました。
contacts-delete-failed = 連絡先を削除できませんでした：{ $reason }
contacts-form-add = 新しい連絡先
contacts-form-edit = 連絡先を編集
contacts-name = 名前
contacts-numbers = 番号（1行に1件）
contacts-numbers-input =
    .placeholder = +15551234567
contacts-save = 保存
contacts-cancel = キャンセル
contacts-need-name = 名前を入力してください。
contacts-need-number = 番号を1件以上入力してください（例：+15551234567）。
contacts-save-failed = 保存できませんでした：{ $reason }
contacts-added = { $name }を追加しました。
contacts-edited = { $name }を保存しました。
contacts-import-title = vCardファイルを読み込む
contacts-import-hint = Googleコンタクト、Appleの連絡先、Outlookから書き出した.vcfファイル（vCard 2.1、3.0、4.0）。
contacts-import-choose = .vcfファイルを選択
contacts-import-done = { $imported }件の連絡先を読み込みました。
contacts-import-duplicates = { $count }件は登録済みでした。
contacts-import-without-numbers = { $count }件は電話番号がないため読み込みませんでした。
contacts-import-nameless = { $count }件は名前がないため読み込みませんでした。
contacts-import-unreadable = 読み取れなかった番号：{ $numbers }
contacts-import-failed = ファイルを読み込めませんでした：{ $reason }
## 音と通話品質

call-level-you = あなた
call-level-them = 相手
call-talking-while-muted = ミュート中に話しています。相手に聞こえるようにするには「ミュート」を押して解除してください。
call-quality-good = 通話品質：良好
call-quality-fair = 通話品質：普通
call-quality-poor = 通話品質：不良
call-quality-figures =
    .title = MOS { $mos }・往復{ $rtt }ms・ジッター{ $jitter }ms・損失{ $loss }%
quality-warning-high-rtt = 声が届くまでに時間がかかっています（往復400ms超）。話が重なることがあります。
quality-warning-high-rtt-fix = 有線接続にするか、Wi-Fiのアクセスポイントに近づいてください。VPNや衛星回線は遅延が増えるので、外して試してください。
quality-warning-high-jitter = 音声が不規則に届いているため、途切れて聞こえることがあります。
quality-warning-high-jitter-fix = このネットワークでの大きなダウンロード・アップロードや動画を一時停止するか、Wi-Fiのアクセスポイントに近づくか、有線で接続してください。
quality-warning-packet-loss = 音声の一部が途中で失われ、言葉が抜けています。
quality-warning-packet-loss-fix = 有線接続にし、回線を使うアップロードやバックアップを止めるか、VPNを外して試してください。
quality-warning-low-mos = 通話の音質が悪くなっています（遅延、不規則な音声、損失）。
quality-warning-low-mos-fix = 有線接続にし、ほかのアップロードや動画を止め、VPNを外して試してください。
quality-warning-no-audio-in = 相手の音声が届いていません。
quality-warning-no-audio-in-fix = ネットワークを確認してください。数秒以内に回復すれば、通話は自動で再開します。
quality-warning-no-audio-out = あなたの音声が送られていません。
quality-warning-no-audio-out-fix = ネットワークと、ファイアウォールやVPNがUDPを止めていないか確認してください。ネットワークが戻れば通話は自動で復帰します。
quality-warning-mic-silent = マイクの音声が無音になっています。
quality-warning-mic-silent-fix = ヘッドセットが接続されているか、コードのミュートスイッチがオフかを確認し、設定›サウンドで正しいマイクを選んでください。
quality-warning-connection-lost = Twilioとの接続が途切れました。
quality-warning-connection-lost-fix = Dialtoneが通話の復旧を試みています。Wi-Fiやケーブルを確認してください。

## 設定：音

audio-title = サウンド
audio-microphone = マイク
audio-speaker = スピーカー
audio-ringtone-device = 着信音の出力先
audio-system-default = システムの既定
audio-unnamed-device = 名前のないデバイス（{ $id }）
audio-not-ready = 電話が接続されると、ここにデバイスが表示されます。
audio-outputs-unsupported = このウィンドウでは音の出力先を選べないため、通話と着信音はシステムの出力を使います。システムのサウンド設定で変更してください。
audio-missing = { $kind ->
        [input] 選んだマイクが接続されていないため、システムの既定を使っています。接続すると元に戻ります。
        [speaker] 選んだスピーカーが接続されていないため、システムの既定を使っています。接続すると元に戻ります。
       *[ringtone] 選んだ着信音の出力先が接続されていないため、システムの既定を使っています。接続すると元に戻ります。
    }
audio-mic-level = マイクの入力レベル
audio-test-sound = テスト音を再生
    .aria-label = このデバイスでテスト音を再生
audio-ringtone = 着信音
audio-ringtone-name = { $tone ->
        [chime] やわらかいチャイム
        [digital] 電子音
        [trill] トリル
       *[classic] 昔ながらの2回ベル
    }
audio-ringtone-play = 試聴
    .aria-label = 着信音の出力先で着信音を試聴
audio-ringtone-volume = 着信音の音量
audio-ringtone-volume-value = { $percent }%
call-devices = サウンド
log-quality-warning = SDKからの通話品質の警告：{ $name }。
log-ringtone-failed = 着信音を再生できませんでした
log-audio-device-failed = { $what ->
        [input] 選んだマイクを使えませんでした
        [speaker] 選んだスピーカーを使えませんでした
        [ringtone] 選んだ着信音の出力先を使えませんでした
       *[other] テスト音を再生できませんでした
    }

## デスクトップ通知（src-tauri/notifications/words.rs）

notify-caller-named = { $name }（{ $number }）
notify-incoming-call = 着信
notify-answer = 応答
notify-decline = 拒否
notify-open-to-answer = Dialtoneを開いて応答してください。
notify-missed-call = 不在着信
notify-new-voicemail = 新しい留守番電話メッセージ
notify-voicemail-body = { $caller }からのメッセージ（{ $seconds }秒）

## The tray icon and closing to the tray (src-tauri/desktop/tray/)

tray-state-registered = 登録済み
tray-state-offline = オフライン
tray-state-in-call = 通話中
tray-state-do-not-disturb = おやすみモード中
tray-missed-count = 不在着信{ $count }件
tray-voicemail-count = 留守番電話{ $count }件
tray-separator = {"・"}
tray-tooltip = Dialtone：{ $status }
tray-show = Dialtoneを表示
tray-do-not-disturb = おやすみモード
tray-recent-missed = 最近の不在着信
tray-recent-missed-none = 不在着信はありません
# $who: the contact's name or the number; $time: 14:05 today, 12/1 14:05 before.
tray-missed-item = { $who }（{ $time }）
tray-quit = 終了
tray-closed-title = Dialtoneは動作中です
tray-closed-body = 着信は引き続き鳴ります。トレイのアイコンからDialtoneを再び開くか、終了できます。
tray-none-title = このデスクトップにはトレイがありません
tray-none-body = このデスクトップはトレイアイコンを表示しないため、Dialtoneのウィンドウを閉じると終了します。設定、通話履歴、留守番電話はそのまま残ります。GNOMEではAppIndicator拡張機能でトレイを追加できます。

## The set-up wizard, the Twilio connection card and the remote checks (views/setup/)

setup-card-title = Twilioとの接続
setup-not-connected-intro = Account SIDとAuth Tokenを入力してください。DialtoneがTwilioで確認し、APIキーと専用のTwiML Appを作成して、番号を接続します。ほかにコピーするものはありません。
setup-start = Twilioアカウントで初期設定
setup-again = 初期設定をやり直す
setup-connected-to = 接続済み：{ $number }への着信をここで受けます。
setup-connected-parts = TwiML App：{ $app ->
        [none] 不明
       *[other] { $app }
    }・APIキー：{ $key ->
        [none] 不明
       *[other] { $key }
    }
setup-caller-id-label = 発信者番号
setup-caller-id-hint = 発信時に相手に表示される番号です。Twilioの番号か、認証済み発信者番号を選べます。
setup-caller-id-option = { $number }（{ $kind ->
        [verified] 認証済み発信者番号
       *[own] お使いの番号
    }）
setup-caller-id-saved = 発信者番号を{ $number }に変更しました。
setup-caller-id-failed = 発信者番号を変更できませんでした：{ $why }
setup-disconnect = この番号を切断
setup-disconnect-confirm = { $number }を切断しますか？番号は{ $restores ->
        [none] 以前の設定
       *[other] { $restores }
    }に戻り、Dialtoneが作成したAPIキーとTwiML Appは削除されます。
setup-disconnect-yes = 切断
setup-disconnect-no = 切断しない
setup-disconnecting = 切断中…
setup-disconnected = 切断しました。{ $done }
setup-disconnect-failed = 切断できませんでした：{ $why }
setup-manual-title = すべての項目を手動で入力する場合
setup-title = Twilioアカウントの接続
setup-step-credentials = ステップ1/2・アカウント
setup-account-sid = TwilioのAccount SID
setup-account-sid-hint = Twilio Console › Account Infoにあります。ACで始まります。
setup-auth-token = TwilioのAuth Token
setup-auth-token-required = Auth Tokenを入力してください（Twilio Console › Account Info）。
setup-auth-token-hint = Twilio Console › Account Infoにあります（クリックで表示）。WebhookがTwilioから届いたものかの確認にも使います。
setup-auth-token-saved =
    .placeholder = 保存済み（空欄のままで使用）
setup-continue = 次へ
setup-checking = Twilioで確認中…
setup-cancel = キャンセル
setup-step-number = ステップ2/2・番号
setup-account-line = { $named ->
        [yes] { $name }
       *[no] お使いのアカウント
    }{ $trial ->
        [yes] （トライアル：発信先は認証済みの番号のみ）
       *[no] {""}
    }・{ $sid }
setup-number-legend = ここで着信する番号を選択
setup-wiring = { $kind ->
        [free] 未設定
        [demo] Twilioのデモ応答
        [dialtone] Dialtoneに接続済み
       *[elsewhere] 着信の送り先：{ $detail }
    }
setup-take-over = { $number }を引き継ぐ（現在の着信の送り先は{ $detail }です。Dialtoneが記録し、切断時に元に戻します）
setup-take-over-needed = この番号を引き継ぐにはチェックを入れてください。別の番号も選べます。
setup-where-title = Twilioからの接続先
setup-where-tunnel = { $agent }のトンネル：{ $url }。URLが変わってもDialtoneが自動で追従します。
setup-where-configured = 設定の公開URL：{ $url }。
setup-where-none = トンネルが見つかりません。ポート{ $port }へのトンネル（ngrok http { $port }、またはcloudflared tunnel --url http://127.0.0.1:{ $port }）を起動するとDialtoneが検出します。固定のhttps URLを下に入力することもできます。トンネルは接続後に起動してもかまいません。
setup-public-url = 公開URL（任意）
setup-public-url-hint = 独自ドメインなど固定のアドレスを使う場合のみ入力します。トンネルは自動で検出されます。
setup-connect = 接続
setup-connecting = 番号を接続中…
setup-back = 戻る
setup-done-title = 電話の準備ができました
setup-done = { $number }への着信をここで受けます。発信時は相手に{ $callerId }が表示されます。
setup-done-voice-url = Twilioからの接続先：{ $url }
setup-done-no-url = トンネルが起動すると、公開URLがTwilioに設定されます。
setup-done-replaced = この番号の着信は以前{ $was }に送られていました。切断すると元に戻ります。
setup-close = 閉じる
setup-tunnel-found = { $agent }のトンネルを検出：{ $url }
setup-public-url-source = { $url }（{ $source ->
        [tunnel] 実行中のトンネル
       *[settings] 設定値
    }）
setup-twilio-now-calls = Twilioの接続先を{ $url }に更新しました（{ $time }）
setup-repoint-failed = Twilioで更新できませんでした：{ $why }
setup-no-tunnel = リスナーへのトンネルが起動しておらず、公開URLも設定されていません。
setup-wiring-title = Twilio側の接続確認
setup-check-wiring = Twilioで確認
setup-checking-wiring = Twilioに問い合わせ中…
setup-wiring-ok = すべて接続済みです（{ $time }に確認）。
setup-wiring-failed = 接続されていない項目があります（{ $time }に確認）：
setup-wiring-unreadable = 確認できませんでした：{ $why }
setup-fix = 修復
setup-fixing = 修復中…
setup-fix-confirm = { $why }。引き継ぎますか？
setup-fix-take-over = 引き継ぐ
setup-fix-failed = 修復できませんでした：{ $why }

## 設定 › 音 › 通話環境テスト

setup-test-title = 通話環境テスト
setup-test-intro = マイクで3秒間録音してスピーカーで再生し、続いてTwilioへ10秒間のテスト通話をしてネットワークを確認します。誰にも発信しません。
setup-test-start = 通話環境テスト
setup-test-during-call = 通話中は使えません。
setup-test-level = あなたの声
setup-test-recording = 何か話してください。3秒間録音しています…
setup-test-playing = 録音を再生しています。自分の声が聞こえましたか？
setup-test-calling = Twilioのエコーテストに接続中…
setup-test-measuring = Twilioとのテスト通話中：話して自分の声を聞いてください。残り{ $seconds }秒。
setup-test-done = テストが終わりました。
setup-test-stopped = 通話が始まったため、テストを中止しました。
setup-test-mic-title = マイクとスピーカー：
setup-test-mic-ok = マイクは正常で、録音を再生しました。
setup-test-mic-quiet = マイクは使えますが、声がとても小さく聞こえます。
setup-test-mic-quiet-fix = マイクを口に近づけるか、システムのサウンド設定で入力音量を上げてください。
setup-test-mic-silent = マイクから無音しか届きません。
setup-test-mic-silent-fix = ミュートになっていないか（ヘッドセットやケーブルのスイッチ、システムのサウンド設定）、上で正しいマイクを選んでいるか確認してください。
setup-test-mic-none = マイクが見つかりません。
setup-test-mic-none-fix = ヘッドセットかマイクを接続してから、もう一度お試しください。
setup-test-mic-refused = マイクの使用が許可されていません。
setup-test-mic-refused-fix = このウィンドウにマイクを許可してから（アドレスバーのアイコン、またはシステムのプライバシー設定）、もう一度お試しください。
setup-test-mic-busy = マイクを開けませんでした。
setup-test-mic-busy-fix = 別のアプリが使っている可能性があります。そのアプリを閉じるか、別のマイクを選んでから、もう一度お試しください。
setup-test-mic-gone = 選んだマイクが接続されていません。
setup-test-mic-gone-fix = マイクを接続し直すか、上で別のマイクを選んでください。
setup-test-mic-unsupported = このウィンドウでは録音できません。
setup-test-mic-unsupported-fix = 通話に使う通話ウィンドウでテストしてください。
setup-test-mic-playback-failed = マイクは使えますが、録音を再生できませんでした。
setup-test-mic-playback-failed-fix = 上で選んだスピーカーと音量を確認してから、もう一度お試しください。
setup-test-net-title = Twilioへのネットワーク：
setup-test-net-good = 良好です。通話ははっきり聞こえるはずです。
setup-test-net-fair = 普通です。通話はできますが、ときどき音が乱れることがあります。
setup-test-net-poor = 不良です。通話が途切れたり切れたりするおそれがあります。
setup-test-net-unmeasured = テスト通話はつながりましたが、Twilioから品質の数値が届きませんでした。
setup-test-net-unmeasured-fix = もう一度お試しください。繰り返す場合は、実際に発信して通話品質の表示を確認してください。
setup-test-net-no-echo = 不良です。音声はTwilioに届きましたが、何も返ってきません。
setup-test-net-no-echo-fix = ファイアウォールやVPNが戻りの音声（UDP）を遮断している可能性があります。VPNを切るか、別のネットワークでお試しください。
setup-test-net-not-set-up = 未確認：電話がTwilioに接続されていません。
setup-test-net-not-set-up-fix = 上でTwilioアカウントを設定し、「待受中」になってから、もう一度テストしてください。
setup-test-net-no-answer = Twilioがテスト通話に応答しませんでした。
setup-test-net-no-answer-fix = インターネット接続と、ファイアウォールがTwilioを遮断していないかを確認してから、もう一度お試しください。
setup-test-net-hung-up = Twilioがテスト通話を途中で終了しました。
setup-test-net-hung-up-fix = リスナーのカードで最後のWebhookを確認してください。Twilioが公開URLを通じてDialtoneに届く必要があります。
setup-test-net-figures = MOS { $mos }、往復{ $rtt }ms、ジッター{ $jitter }ms、損失{ $loss }%、コーデック{ $codec }
log-setup-test-call = Twilioのエコーへテスト通話（通話環境テスト）。
