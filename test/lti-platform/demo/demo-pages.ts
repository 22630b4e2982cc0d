import { Router, type Request, type Response } from 'express';
import { html, raw } from '../http/html.js';
import { launchRefusal } from '../http/launch.routes.js';
import { currentSession, param } from '../http/session.js';
import { canManageActivities } from '../model/roles.js';
import type { User } from '../model/types.js';
import type { Platform } from '../platform.js';
import { layout } from './layout.js';

const ROLE_LABEL = { student: 'Élève', teacher: 'Enseignant non éditeur', editingteacher: 'Enseignant', manager: 'Gestionnaire' } as const;

function who(platform: Platform, req: Request): User | undefined {
  const session = currentSession(platform, req);
  return session ? platform.site.users.get(session.userId) : undefined;
}

function page(res: Response, status: number, title: string, user: User | undefined, body: ReturnType<typeof html>): void {
  res.status(status).type('html').send(layout({ title, user, body }));
}

/** The demo LMS's pages: home, course, activity (iframe launch), gradebook, tool administration. */
export function demoPages(platform: Platform): Router {
  const router = Router();
  const site = platform.site;

  // Browsers ask every site for its icon: answer "none" rather than a 404 in the console.
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).set('Cache-Control', 'public, max-age=86400').end();
  });

  router.get('/', (req, res) => {
    const user = who(platform, req);
    const courses = [...site.courses.values()].filter((c) => c.format !== 'site');
    const users = [...site.users.values()];
    page(res, 200, 'Accueil', user, html`
<p class="note">Plateforme de démonstration qui se comporte comme Moodle (Éléa) pour l’outil Pix LTI. Les données sont gardées en mémoire et recréées à chaque démarrage.</p>
<section class="card" aria-labelledby="cours"><h2 id="cours">Cours</h2><ul>
${courses.map((c) => html`<li><a href="/course/view.php?id=${c.id}">${c.fullname}</a></li>`)}
</ul></section>
<section class="card" aria-labelledby="utilisateurs"><h2 id="utilisateurs">Se connecter en tant que…</h2>
<table><caption class="skip">Utilisateurs de démonstration</caption><thead><tr><th scope="col">Nom</th><th scope="col">Rôles</th><th scope="col">Action</th></tr></thead><tbody>
${users.map((u) => html`<tr><td>${u.firstname} ${u.lastname}</td><td>${u.siteAdmin ? 'Administrateur du site' : site.enrolments.filter((e) => e.userId === u.id).map((e) => `${ROLE_LABEL[e.role]} (${site.courses.get(e.courseId)?.shortname})`).join(', ') || '—'}</td>
<td><form method="get" action="/login/index.php"><input type="hidden" name="user" value="${u.id}"><input type="hidden" name="next" value="/"><button type="submit" aria-label="Se connecter en tant que ${u.firstname} ${u.lastname}">Se connecter</button></form></td></tr>`)}
</tbody></table></section>`);
  });

  router.get('/course/view.php', (req, res) => {
    const user = who(platform, req);
    const course = site.courses.get(param(req, 'id'));
    if (!course) return page(res, 404, 'Cours introuvable', user, html`<p>Ce cours n’existe pas.</p>`);
    const activities = [...site.activities.values()].filter((a) => a.courseId === course.id);
    const teacher = user ? canManageActivities(site, user, course.id) : false;
    const tools = [...site.tools.values()].filter((t) => t.state === 'configured' && t.contentItem && site.toolAllowedInCourse(t, course.id));
    page(res, 200, course.fullname, user, html`
${user ? '' : raw('<p class="note">Connectez-vous depuis l’<a href="/">accueil</a> pour lancer une activité.</p>')}
<section class="card" aria-labelledby="activites"><h2 id="activites">Activités</h2>
${activities.length === 0 ? raw('<p>Aucune activité pour l’instant.</p>') : html`<ul>${activities.map((a) => html`<li><a href="/mod/lti/view.php?id=${a.cmid}">${a.name}</a>${a.intro ? html` — ${a.intro}` : ''}</li>`)}</ul>`}
</section>
${teacher ? html`<section class="card" aria-labelledby="ajout"><h2 id="ajout">Ajouter une activité Pix</h2>
${tools.length === 0 ? raw('<p>Aucun outil activé ne propose de contenu : voyez l’administration des outils.</p>') : tools.map((t) => html`<p><a class="button" href="/course/modedit.php?course=${course.id}&amp;typeid=${t.id}">Ajouter une activité ${t.name}</a></p>`)}
<p><a href="/grade/report/grader/index.php?id=${course.id}">Carnet de notes</a></p></section>` : ''}`);
  });

  router.get('/course/modedit.php', (req, res) => {
    const user = who(platform, req);
    const course = site.courses.get(param(req, 'course'));
    const tool = site.tools.get(param(req, 'typeid'));
    if (!user || !course || !tool || !canManageActivities(site, user, course.id)) return page(res, 403, 'Accès refusé', user, html`<p>Seul un enseignant éditeur peut ajouter une activité.</p>`);
    page(res, 200, `Ajouter une activité ${tool.name}`, user, html`
<p>Choisissez le contenu dans l’outil ; il sera ajouté à <a href="/course/view.php?id=${course.id}">${course.fullname}</a>.</p>
<iframe class="lti" title="Sélection de contenu ${tool.name}" src="/mod/lti/contentitem.php?id=${tool.id}&amp;course=${course.id}" allow="fullscreen"></iframe>`);
  });

  router.get('/mod/lti/view.php', (req, res) => {
    const user = who(platform, req);
    const activity = site.activityByCmid(param(req, 'id'));
    if (!activity) return page(res, 404, 'Activité introuvable', user, html`<p>Cette activité n’existe pas.</p>`);
    const tool = site.mustTool(activity.toolId);
    const refusal = user ? launchRefusal(platform, user, activity, tool) : 'Connectez-vous depuis l’accueil pour lancer cette activité.';
    if (refusal) return page(res, 403, activity.name, user, html`<p role="alert">${refusal}</p>`);
    // Moodle's "embed, without blocks": the launch runs in an iframe of the course page.
    page(res, 200, activity.name, user, html`
<p><a href="/course/view.php?id=${activity.courseId}">Retour au cours</a></p>
<iframe class="lti" title="${activity.name} (outil ${tool.name})" src="/mod/lti/launch.php?id=${activity.cmid}" allow="fullscreen; clipboard-write"></iframe>`);
  });

  router.get('/grade/report/grader/index.php', (req, res) => {
    const user = who(platform, req);
    const course = site.courses.get(param(req, 'id'));
    if (!course || !user || !canManageActivities(site, user, course.id)) return page(res, 403, 'Carnet de notes', user, html`<p>Réservé aux enseignants du cours.</p>`);
    const items = [...site.gradeItems.values()].filter((i) => i.courseId === course.id);
    const students = site.enrolments.filter((e) => e.courseId === course.id && e.role === 'student').map((e) => site.mustUser(e.userId));
    const cell = (itemId: string, userId: string) => {
      const grade = site.grade(itemId, userId);
      return grade?.finalgrade === null || grade === undefined ? '—' : String(Math.round(grade.finalgrade * 100) / 100);
    };
    page(res, 200, `Carnet de notes — ${course.fullname}`, user, html`
<table><caption>Notes reçues de l’outil (colonnes créées par les activités et par l’outil)</caption>
<thead><tr><th scope="col">Élève</th>${items.map((i) => html`<th scope="col">${i.itemname} (/${i.grademax})</th>`)}</tr></thead>
<tbody>${students.map((s) => html`<tr><th scope="row">${s.firstname} ${s.lastname}</th>${items.map((i) => html`<td>${cell(i.id, s.id)}</td>`)}</tr>`)}</tbody></table>
<p><a href="/course/view.php?id=${course.id}">Retour au cours</a></p>`);
  });

  router.get('/admin/tool/lti/index.php', (req, res) => {
    const user = who(platform, req);
    if (!user?.siteAdmin) return page(res, 403, 'Administration des outils', user, html`<p>Réservé à l’administrateur du site : connectez-vous en tant qu’administrateur depuis l’accueil.</p>`);
    const tools = [...site.tools.values()];
    page(res, 200, 'Administration des outils', user, html`
<section class="card" aria-labelledby="outils"><h2 id="outils">Outils externes</h2>
<table><thead><tr><th scope="col">Nom</th><th scope="col">État</th><th scope="col">Client ID</th><th scope="col">Déploiement</th><th scope="col">Action</th></tr></thead><tbody>
${tools.map((t) => html`<tr><td>${t.name}</td><td><span class="badge ${t.state}">${t.state === 'pending' ? 'En attente' : t.state === 'configured' ? 'Actif' : 'Refusé'}</span></td><td><code>${t.clientId}</code></td><td>${t.id}</td>
<td>${t.state === 'pending' ? html`<form method="post" action="/admin/tool/lti/activate"><input type="hidden" name="id" value="${t.id}"><button type="submit">Activer</button></form>` : ''}</td></tr>`)}
</tbody></table></section>
<section class="card" aria-labelledby="dynreg"><h2 id="dynreg">Inscrire un outil par inscription dynamique</h2>
<form method="get" action="/admin/tool/lti/register.php"><label for="url">URL d’inscription de l’outil</label>
<input type="url" id="url" name="url" required placeholder="https://outil.example/lti/register"><p><button type="submit">Ajouter LTI Advantage</button></p></form></section>
<section class="card" aria-labelledby="manuel"><h2 id="manuel">Configurer un outil manuellement</h2>
<form method="post" action="/admin/tool/lti/manual">
<label for="name">Nom</label><input type="text" id="name" name="name" required value="Pix">
<label for="base">URL de base de l’outil</label><input type="url" id="base" name="base" required placeholder="http://localhost:3000">
<label><input type="checkbox" name="sendName" value="1"> Partager le nom des utilisateurs</label>
<label><input type="checkbox" name="sendEmail" value="1"> Partager l’adresse e-mail</label>
<label><input type="checkbox" name="grades" value="1" checked> Accepter les notes de l’outil</label>
<p><button type="submit">Enregistrer</button></p></form></section>`);
  });

  router.get('/admin/tool/lti/register.php', (req, res) => {
    const user = who(platform, req);
    if (!user?.siteAdmin) return page(res, 403, 'Inscription dynamique', user, html`<p>Réservé à l’administrateur du site.</p>`);
    const url = param(req, 'url');
    page(res, 200, 'Inscription dynamique', user, html`
<p role="status" id="etat">L’outil s’inscrit ; cette page revient à la liste quand il a fini.</p>
<iframe class="lti" title="Inscription de l’outil" src="/mod/lti/startltiadvregistration.php?url=${encodeURIComponent(url)}"></iframe>
<p><a href="/admin/tool/lti/index.php">Retour à la liste des outils</a></p>
<script>window.addEventListener('message', function (e) { if (e.data && e.data.subject === 'org.imsglobal.lti.close') { location.href = '/admin/tool/lti/index.php'; } });</script>`);
  });

  router.post('/admin/tool/lti/activate', (req, res) => {
    const user = who(platform, req);
    const tool = site.tools.get(param(req, 'id'));
    if (!user?.siteAdmin || !tool) return page(res, 403, 'Accès refusé', user, html`<p>Réservé à l’administrateur du site.</p>`);
    tool.state = 'configured';
    res.redirect(303, '/admin/tool/lti/index.php');
  });

  router.post('/admin/tool/lti/manual', (req, res) => {
    const user = who(platform, req);
    if (!user?.siteAdmin) return page(res, 403, 'Accès refusé', user, html`<p>Réservé à l’administrateur du site.</p>`);
    let base: URL;
    try {
      base = new URL(param(req, 'base'));
    } catch {
      return page(res, 400, 'URL non valide', user, html`<p role="alert">L’URL de base de l’outil n’est pas une URL.</p>`);
    }
    const root = base.toString().replace(/\/$/, '');
    site.registerTool({
      name: param(req, 'name') || 'Pix',
      initiateLoginUri: `${root}/lti/login`,
      toolUrl: `${root}/lti/launch`,
      redirectUris: [`${root}/lti/launch`],
      jwksUri: `${root}/lti/keys`,
      sendName: param(req, 'sendName') === '1',
      sendEmail: param(req, 'sendEmail') === '1',
      acceptGrades: param(req, 'grades') === '1' ? 'delegate' : 'never',
      gradeSync: param(req, 'grades') === '1' ? 2 : 0,
    });
    res.redirect(303, '/admin/tool/lti/index.php');
  });

  return router;
}
