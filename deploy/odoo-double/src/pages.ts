// The HTML Odoo answers with (trimmed to what clients and tests look at: forms, field names, messages).

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="utf-8"/>\n<meta name="viewport" content="width=device-width, initial-scale=1"/>\n<title>${escapeHtml(title)}</title>\n</head>\n<body class="bg-100">\n${body}\n</body>\n</html>\n`;
}

export function loginPage(values: { csrfToken: string; login?: string; error?: string; redirect?: string; databaseManager: boolean; databases: string[] | null; db: string }): string {
  const dbField =
    values.databases && values.databases.length > 1
      ? `<div class="mb-3 field-db"><label for="db" class="col-form-label">Database</label><div class="input-group"><input type="text" name="db" value="${escapeHtml(values.db)}" id="db" class="form-control" required="required" readonly="readonly"/><a role="button" href="/web/database/selector" class="btn btn-secondary">Select</a></div></div>`
      : '';
  const error = values.error ? `\n<p class="alert alert-danger" role="alert">${escapeHtml(values.error)}</p>` : '';
  const manager = values.databaseManager ? '<a class="border-end pe-2 me-1" href="/web/database/manager">Manage Databases</a>\n' : '';
  return page(
    'Odoo',
    `<div class="container py-5"><div class="card border-0 mx-auto bg-100 o_database_list" style="max-width: 300px;"><div class="card-body">
<form class="oe_login_form" role="form" method="post" action="/web/login">
<input type="hidden" name="csrf_token" value="${escapeHtml(values.csrfToken)}"/>
${dbField}<div class="mb-3 field-login"><label for="login" class="form-label">Email</label><input type="text" placeholder="Email" name="login" value="${escapeHtml(values.login ?? '')}" id="login" required="required" autocomplete="username" autofocus="autofocus" autocapitalize="off" class="form-control"/></div>
<div class="mb-3"><label for="password" class="form-label">Password</label><input type="password" placeholder="Password" name="password" id="password" required="required" autocomplete="current-password" maxlength="4096" class="form-control"/></div>${error}
<div class="clearfix oe_login_buttons text-center gap-1 d-grid mb-1 pt-3"><button type="submit" class="btn btn-primary">Log in</button></div>
<input type="hidden" name="redirect" value="${escapeHtml(values.redirect ?? '')}"/>
</form>
<div class="text-center small mt-4 pt-3 border-top">${manager}<a href="https://www.odoo.com?utm_source=db&amp;utm_medium=auth" target="_blank">Powered by <span>Odoo</span></a></div>
</div></div></div>`,
  );
}

export function webclientPage(sessionInfo: Record<string, unknown>): string {
  const json = JSON.stringify(sessionInfo).replace(/</g, '\\u003c');
  return page('Odoo', `<script type="text/javascript">\n  odoo.__session_info__ = ${json};\n</script>\n<div class="o_web_client"></div>`);
}

export function databaseManagerPage(values: { listDb: boolean; insecure: boolean; databases: string[]; error?: string; manage: boolean }): string {
  const parts: string[] = ['<div class="container"><div class="row"><div class="col-lg-6 offset-lg-3 o_database_list">'];
  if (!values.listDb) parts.push('<div class="alert alert-danger text-center">The database manager has been disabled by the administrator</div>');
  else if (values.insecure && values.databases.length) {
    parts.push('<div class="alert alert-warning">Warning, your Odoo database manager is not protected.<br/>Please <a href="#" data-bs-toggle="modal" data-bs-target=".o_database_master">set a master password</a> to secure it.</div>');
  }
  if (values.error) parts.push(`<div class="alert alert-danger">${escapeHtml(values.error)}</div>`);
  if (values.listDb && values.databases.length) {
    parts.push('<div class="list-group">');
    for (const db of values.databases) {
      parts.push(
        `<div class="list-group-item d-flex align-items-center"><a href="/web?db=${encodeURIComponent(db)}" class="d-block flex-grow-1">${escapeHtml(db)}</a>` +
          (values.manage
            ? `<div class="btn-group btn-group-sm float-end"><button type="button" data-db="${escapeHtml(db)}" data-bs-target=".o_database_backup" class="o_database_action btn btn-primary">Backup</button><button type="button" data-db="${escapeHtml(db)}" data-bs-target=".o_database_duplicate" class="o_database_action btn btn-secondary">Duplicate</button><button type="button" data-db="${escapeHtml(db)}" data-bs-target=".o_database_delete" class="o_database_action btn btn-danger">Delete</button></div>`
            : '') +
          '</div>',
      );
    }
    parts.push('</div>');
    parts.push(values.manage ? '<button type="button" data-bs-target=".o_database_create" class="btn btn-primary">Create Database</button>' : '<div class="text-center mt-2"><a href="/web/database/manager">Manage databases</a></div>');
  } else if (values.listDb) {
    parts.push('<form role="form" action="/web/database/create" method="post"><input name="master_pwd" type="password"/><input name="name" type="text"/><input type="submit" value="Create database" class="btn btn-primary float-start"/></form>');
  }
  parts.push('</div></div>');
  for (const [cls, action, label] of [
    ['o_database_backup', '/web/database/backup', 'Backup Database'],
    ['o_database_delete', '/web/database/drop', 'Delete Database'],
    ['o_database_duplicate', '/web/database/duplicate', 'Duplicate Database'],
  ] as const) {
    parts.push(
      `<div class="modal fade ${cls}" role="dialog"><form role="form" action="${action}" method="post"><h4 class="modal-title">${label}</h4><input name="master_pwd" type="password" class="form-control" required="required" autocomplete="current-password"/><input name="name" type="text" class="form-control" required="required" readonly="readonly"/></form></div>`,
    );
  }
  parts.push('</div>');
  return page('Odoo', parts.join('\n'));
}

export const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

export function errorPage(status: number, title: string, message: string): string {
  return `<!doctype html>\n<html lang=en>\n<title>${status} ${escapeHtml(title)}</title>\n<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n`;
}
