// A browser for the launch tests: follows redirects by hand across Klivira and the sandbox EHR, keeps cookies, and
// fills the EHR's login and patient-picker forms. Asks Klivira (only) for JSON, so the launch ends in its answer.
export interface BrowserUser {
  username: string;
  password: string;
  /** The patient to pick in a standalone launch. */
  patient?: string;
}

const MAX_STEPS = 16;

export async function browse(start: string, user: BrowserUser, jsonFrom: string): Promise<Response> {
  const cookies = new Map<string, string>();
  let url = new URL(start);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(url.href.startsWith(jsonFrom) ? { accept: 'application/json' } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (line.split(';')[0] ?? '').split(/=(.*)/s);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      form = undefined;
      continue;
    }
    if (url.href.startsWith(jsonFrom) || response.status !== 200) return response;
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at step ${String(step)}`);
    form = new URLSearchParams();
    if (html.includes('name="username"')) {
      form.set('username', user.username);
      form.set('password', user.password);
    }
    if (html.includes('name="patient"')) form.set('patient', user.patient ?? '');
    url = new URL(action, url);
  }
  throw new Error('too many steps');
}
