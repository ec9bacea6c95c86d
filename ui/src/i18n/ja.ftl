# Dialtone の日本語。en.ftl と同じ ID・同じ変数を持ちます（tests/i18n_catalog.rs が確認）。
# 電話の言い方に合わせた短い表現：ボタンは名詞句、文は「です・ます」、句読点は全角、数字は半角。
# Twilio Console のメニュー名は英語のまま（Console が英語のため）。

## Shared

plain-text = { $text }

## Twilio errors

twilio-mic-denied = マイクが使えません
    .what = マイクの使用が許可されていないため、通話を開始できませんでした。
    .fix = Dialtoneにマイクの使用を許可してから、もう一度発信してください（macOS：システム設定›プライバシーとセキュリティ›マイク、Windows：設定›プライバシーとセキュリティ›マイクの「デスクトップアプリがマイクにアクセスできるようにする」）。
twilio-mic-failed = マイクを開けません
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
    .what = Twilioとの接続が切れました。ネットワークが途切れた（Dialtoneが自動で再接続します）か、発信直後に失敗した場合は、WebhookがエラーかTwilioが使えないTwiMLを返したことが原因です。
    .fix = 設定で、リスナーが動作中か、トンネルがつながっているか、TwiML AppのVoice Request URLが表示どおりかを確認してください。Webhookの応答内容はTwilio ConsoleのDebuggerで確認できます。
twilio-old-sdk = 古いTwilio SDK
    .what = この版のTwilio Voice SDKは提供が終了しています。
    .fix = Dialtoneを更新してください。
twilio-call-cancelled = 相手が切りました
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
log-retiring-after-call = このウィンドウは新しい通話を受けません。現在の通話は終話まで続きます。
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
log-handed-in = 他のアプリから{ $number }が渡されました。発信ボタンを押すと発信します。
log-cant-follow-window = 通話ウィンドウの状態を取得できません：{ $message }
log-cant-follow-commands = アプリからの操作を受け取れません：{ $message }
log-cant-follow-webhook = Webhookリスナーの状態を取得できません：{ $message }
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
number-tone-digits = *と#は通話がつながってからトーンとして送れます。発信するには取り除いてください。
number-bad-character = 「{ $character }」は電話番号に使えません。数字を使い、国番号の前に+を付けてください。
number-plus-inside = +は先頭、国番号の前にだけ付けます。
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
        [home] その桁数の{ $code }（Twilio番号の国）の番号はありません。
        [code] その桁数の{ $code }の番号はありません。
       *[unknown] その桁数のこの国の番号はありません。
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
    .aria-label = ダイヤルパッド
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
cw-call-from = 通話相手
cw-call-to = 通話相手
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
valid-url-path = Dialtoneが応答するパス/handle_callsで終えてください。
valid-url-query = ?クエリや#フラグメントは付けないでください。
valid-url-user = ユーザー名やパスワードは含めないでください。
valid-url-exact = { $url }のとおりに入力してください（ホスト名は小文字、余分な文字なし）。
valid-number-country = +と国番号から入力してください（例：+815012345678）。
valid-countries-comma = 区切りはカンマ1つです（例：1,44）。
valid-countries-code = 国番号{ $entry }の国はありません。1、44、81などの国番号を使ってください。
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
valid-port = ポートは1～65535の整数です。
valid-call-seconds = 1～{ $max }の秒数（4時間、Twilioの上限）で入力してください（例：1時間なら3600）。
valid-language = auto、en、jaのいずれかを選んでください。
valid-switch = onかoffのどちらかです。
valid-shortcut-shape = 修飾キーと1つのキーを+でつないで入力してください（例：Ctrl+Alt+A）。
valid-shortcut-key-last = 最後はキーそのものにしてください（例：Ctrl+Alt+A）。
valid-shortcut-one-key = キーは修飾キー（Ctrl、Alt、Shift、Super）の後に1つだけです（例：Ctrl+Alt+A）。
valid-shortcut-modifier = Ctrl、Alt、Superのいずれかを付けてください。キー1つだけだと、他のすべてのプログラムでそのキーが使えなくなります（F9などのファンクションキーは単独でも可）。
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
field-voicemail-max-secs = 録音の最大時間（秒）
field-ring-secs = 呼び出し時間（秒）
field-do-not-disturb = おやすみモード
field-call-at-once = 他のアプリから番号を渡されたらすぐ発信
field-launch-at-login = ログイン時に起動
field-shortcut-answer = ショートカット：応答
field-shortcut-hang-up = ショートカット：通話終了
field-shortcut-mute = ショートカット：ミュート
field-language = 表示言語
hint-account-sid = Twilio Console › Account Info。ACで始まります。
hint-auth-token = Twilio Console › Account Info。Webhookが本当にTwilioから来たかの確認に使います。
hint-api-key-sid = Twilio Console › API keys & tokens。SKで始まります。
hint-api-key-secret = APIキーを作成したときに一度だけ表示されます。
hint-twiml-app-sid = Twilio Console › Voice › TwiML Apps。APで始まります。
hint-twilio-number = 発信元・着信先になる番号（例：+815012345678）。
hint-identity = この電話が登録される名前です。空欄なら既定値になります。
hint-public-url = トンネル（ngrok、cloudflaredなど）のhttpsアドレスに/handle_callsを付けたもの。
hint-port = トンネルの転送先になるローカルのポート。既定は3000。
hint-allowed-country-codes = 発信はここに挙げた国にだけ行えます。国番号か、国番号を共有する地域の2文字コード（1は米国とカナダ。その他の+1の国はPR、JMなどを追加）。既定はお使いの番号の国です。
hint-allowed-numbers = 国や番号の種類（高額課金、通話料分担、パーソナル番号）で拒否される場合でも発信する番号（例：+447012345678）。カンマで区切ります。
hint-max-call-seconds = 発信・着信とも、この秒数で通話を切ります。既定は14400（4時間）。
hint-voicemail = 応答しなかった着信を留守番電話に転送します。既定はオン。
hint-voicemail-greeting = 発信音の前に発信者に流すメッセージです（録音した応答メッセージがあればそちらを使います）。
hint-voicemail-max-secs = 1件のメッセージを録音できる最大の秒数です。既定は120。
hint-ring-secs = 留守番電話に切り替わるまで呼び出す秒数です。既定は30。
hint-do-not-disturb = 着信音を鳴らさずに、すぐ留守番電話に転送します。
hint-call-at-once = tel:リンクとdialtone callで使います。オフのときは、番号がダイヤルパッドに入り、発信ボタンを押すと発信します。
hint-launch-at-login = このパソコンにログインしたときにDialtoneを起動します。
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
webhook-press-ctrl-c = Ctrl+Cを押す
webhook-copied-spoken = Voice Request URLをコピーしました。
webhook-copy-failed = コピーできませんでした。URLを選択したのでCtrl+Cを押してください。
webhook-state-unreadable = リスナーの状態を読めません：{ $message }
webhook-state-unknown = リスナーの状態は不明です。
webhook-listening = { $address }で待ち受け中
webhook-listening-unknown = 不明なアドレスで待ち受け中
webhook-starting = 起動中…
webhook-failed = 停止中：{ $message }
webhook-failed-unknown = 停止中：起動に失敗しました
webhook-stopped = 停止
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
error-port-in-use = ポート{ $port }は他のプログラムが使用中です。別のポートを選んでください：`dialtone serve --port { $next }`、DIALTONE_PORT={ $next }、または設定の「リスナーのポート」（トンネルの転送先も合わせて変更）
error-port-privileged = ポート{ $port }は管理者権限なしでは開けません。1024～65535のポートを選んでください
error-port-bind = 127.0.0.1:{ $port }で待ち受けできません：{ $detail }
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
refused-forbidden = アクセスできません
refused-no-signature = アクセスできません：X-Twilio-Signatureがありません
refused-bad-signature = アクセスできません：X-Twilio-Signatureが一致しません（公開URLとAuth Tokenを確認してください）
refusal-not-a-number = 発信先がE.164形式の番号ではありません
refusal-unknown-country = 発信先の国番号が使われていません
refusal-country-not-allowed = 国番号+{ $code }は許可する国に含まれていません。発信するには、設定の「発信を許可する国」に{ $code }を追加してください
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
journal-unavailable = 履歴を利用できません：{ $reason }
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
recents-inbound-declined = 着信拒否
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
greeting-spoken = 設定›留守番電話の応答メッセージを読み上げます。
greeting-recorded = 録音した応答メッセージを流します。
greeting-upload = 応答メッセージをアップロード（MP3またはWAV）
greeting-clear = 読み上げに戻す
greeting-set = 録音した応答メッセージを保存しました。
greeting-cleared = 読み上げの応答メッセージに戻しました。
greeting-failed = 応答メッセージを変更できませんでした：{ $reason }

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
call-talking-while-muted = ミュート中に話しています。相手に聞こえるようにするには「ミュート」を押してください。
call-quality-good = 通話品質：良好
call-quality-fair = 通話品質：普通
call-quality-poor = 接続が不安定です
call-quality-figures =
    .title = MOS { $mos }・往復{ $rtt }ms・ジッター{ $jitter }ms・損失{ $loss }%
quality-warning-high-rtt = 声が届くまでに時間がかかっています（往復400ms超）。話が重なることがあります。
quality-warning-high-rtt-fix = 有線接続にするか、Wi-Fiのアクセスポイントに近づいてください。VPNや衛星回線は遅延が増えるので、外して試してください。
quality-warning-high-jitter = 音声が不規則に届いているため、途切れて聞こえることがあります。
quality-warning-high-jitter-fix = このネットワークでの大きなダウンロード、アップロード、動画を止めるか、Wi-Fiに近づくか有線にしてください。
quality-warning-packet-loss = 音声の一部が途中で失われ、言葉が抜けています。
quality-warning-packet-loss-fix = 有線接続にし、回線を使うアップロードやバックアップを止めるか、VPNを外して試してください。
quality-warning-low-mos = 通話の音質が悪くなっています（遅延、不規則な音声、損失）。
quality-warning-low-mos-fix = 有線接続にし、ほかのアップロードや動画を止め、VPNを外して試してください。
quality-warning-no-audio-in = 相手の音声が届いていません。
quality-warning-no-audio-in-fix = ネットワークを確認してください。数秒以内に戻れば通話は自動で復帰します。
quality-warning-no-audio-out = あなたの音声が送られていません。
quality-warning-no-audio-out-fix = ネットワークと、ファイアウォールやVPNがUDPを止めていないか確認してください。ネットワークが戻れば通話は自動で復帰します。
quality-warning-mic-silent = マイクから無音しか届いていません。
quality-warning-mic-silent-fix = ヘッドセットが接続され、コードのミュートが切れているか確認し、「設定」›「音」で正しいマイクを選んでください。
quality-warning-connection-lost = Twilioとの接続が途切れました。
quality-warning-connection-lost-fix = Dialtoneが通話の復旧を試みています。Wi-Fiやケーブルを確認してください。

## 設定：音

audio-title = 音
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
audio-mic-level = マイクの音量
audio-test-sound = テスト音を再生
    .aria-label = このデバイスでテスト音を再生
call-devices = 音
log-quality-warning = SDKからの通話品質の警告：{ $name }
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
notify-new-voicemail = 新しい留守番電話
notify-voicemail-body = { $caller }からのメッセージ（{ $seconds }秒）
## The set-up wizard, the Twilio connection card and the remote checks (views/setup/)

setup-card-title = Twilioとの接続
setup-not-connected-intro = アカウントSIDと認証トークンを入力してください。DialtoneがTwilioで確認し、APIキーと専用のTwiML Appを作成して、番号を接続します。ほかにコピーするものはありません。
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
setup-caller-id-hint = 発信時に相手に表示される番号です。Twilioの番号か、認証済みの発信者番号を選べます。
setup-caller-id-option = { $number }（{ $kind ->
        [verified] 認証済みの発信者番号
       *[own] 自分の番号
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
setup-account-sid = アカウントSID
setup-account-sid-hint = Twilio Console › Account Infoにあります。ACで始まります。
setup-auth-token = 認証トークン
setup-auth-token-required = 認証トークンを入力してください（Twilio Console › Account Info）。
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
setup-fix-confirm = { $why }引き継ぎますか？
setup-fix-take-over = 引き継ぐ
setup-fix-failed = 修復できませんでした：{ $why }
