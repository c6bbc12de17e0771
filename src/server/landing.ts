/**
 * The page served at / until the web application (citizen portal and staff workspace) lands:
 * it says what this server is and where its API lives, in Vietnamese first.
 */
export function landingPage(): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hệ thống thông tin giải quyết thủ tục hành chính — motcua</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}
header{background:#b3261e;color:#fff;padding:1.25rem 1rem}
main{max-width:48rem;margin:0 auto;padding:1rem}
a{color:#0b57d0}
a:focus{outline:3px solid #f4b400;outline-offset:2px}
.card{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
</style>
</head>
<body>
<header><main style="padding:0"><h1 style="margin:0;font-size:1.4rem">Hệ thống thông tin giải quyết thủ tục hành chính</h1>
<p style="margin:.25rem 0 0">Một cửa điện tử — phần mềm nguồn mở motcua</p></main></header>
<main>
<div class="card">
<h2>Đang vận hành</h2>
<p>Máy chủ đã sẵn sàng. Cổng dịch vụ công cho người dân và không gian làm việc cho cán bộ đang được xây dựng.</p>
<ul>
<li><a href="/api/docs">Tài liệu API (OpenAPI)</a></li>
<li><a href="/api/v1/agencies">Danh sách cơ quan (JSON)</a></li>
<li><a href="/health/ready">Trạng thái hệ thống</a></li>
</ul>
</div>
<p lang="en" style="color:#555">English: the one-stop shop server is running. The citizen portal and staff workspace are under construction; the API is documented at <a href="/api/docs">/api/docs</a>.</p>
</main>
</body>
</html>`;
}
