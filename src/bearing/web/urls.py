from django.urls import path

from bearing.web.views import (
    alignment,
    auth,
    checkins,
    coach,
    corrections,
    cycles,
    grading,
    health,
    healthz,
    home,
    key_results,
    learnings,
    objective_page,
    objectives,
    retrospectives,
    search,
    settings,
    teams,
    values,
)

app_name = "web"

# Every page inside an organization starts with o/<org>/: ``member_required`` resolves it.
ORG = "o/<slug:org>/"

urlpatterns = [
    path("", auth.start, name="start"),
    path("healthz", healthz.healthz, name="healthz"),
    path("sign-in/", auth.sign_in, name="sign_in"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path(ORG, home.home, name="home"),
    path(f"{ORG}cycles/", cycles.list_cycles, name="cycles"),
    path(f"{ORG}cycles/new/", cycles.create_cycle, name="cycle_create"),
    path(f"{ORG}cycles/<int:pk>/state/", cycles.move_cycle, name="cycle_state"),
    path(f"{ORG}cycles/<int:pk>/grade/", grading.show_grading, name="cycle_grade"),
    path(f"{ORG}alignment/", alignment.show_alignment, name="alignment"),
    path(f"{ORG}alignment/health/", health.show_alignment_health, name="alignment_health"),
    path(f"{ORG}alignment/below/<int:pk>/", alignment.alignment_below, name="alignment_below"),
    path(f"{ORG}coach/", coach.show_coach, name="coach"),
    path(f"{ORG}coach/hint/", coach.coach_hint, name="coach_hint"),
    path(f"{ORG}search/teams/", search.search_teams, name="search_teams"),
    path(f"{ORG}search/people/", search.search_people, name="search_people"),
    path(f"{ORG}search/objectives/", search.search_objectives, name="search_objectives"),
    path(f"{ORG}settings/", settings.edit_settings, name="settings"),
    path(f"{ORG}teams/", teams.list_teams, name="teams"),
    path(f"{ORG}teams/<int:pk>/", teams.show_team, name="team"),
    path(
        f"{ORG}teams/<int:pk>/cycles/<int:cycle>/retrospective/",
        retrospectives.save_retrospective,
        name="retrospective_save",
    ),
    path(f"{ORG}objectives/new/", objectives.create_objective, name="objective_create"),
    path(f"{ORG}objectives/<int:pk>/", objective_page.show_objective, name="objective"),
    path(f"{ORG}objectives/<int:pk>/edit/", objectives.edit_objective, name="objective_edit"),
    path(
        f"{ORG}objectives/<int:pk>/state/", objectives.set_objective_state, name="objective_state"
    ),
    path(f"{ORG}objectives/<int:pk>/align/", objectives.align_objective, name="objective_align"),
    path(f"{ORG}objectives/<int:pk>/check-in/", checkins.check_in, name="check_in"),
    path(f"{ORG}objectives/<int:pk>/grade/", grading.grade_objective, name="objective_grade"),
    path(f"{ORG}objectives/<int:pk>/learnings/", learnings.add_learning, name="learning_create"),
    path(
        f"{ORG}objectives/<int:pk>/key-results/new/",
        key_results.add_key_result,
        name="key_result_create",
    ),
    path(f"{ORG}links/<int:pk>/remove/", objectives.remove_link, name="link_remove"),
    path(f"{ORG}key-results/<int:pk>/edit/", key_results.edit_key_result, name="key_result_edit"),
    path(f"{ORG}key-results/<int:pk>/values/", values.key_result_values, name="key_result_values"),
    path(
        f"{ORG}key-results/<int:pk>/delete/",
        key_results.delete_key_result,
        name="key_result_delete",
    ),
    path(
        f"{ORG}key-results/<int:pk>/initiatives/new/",
        key_results.add_initiative,
        name="initiative_create",
    ),
    path(f"{ORG}check-ins/<int:pk>/comments/", checkins.add_comment, name="comment_create"),
    path(f"{ORG}check-ins/<int:pk>/reactions/", checkins.toggle_reaction, name="reaction_toggle"),
    path(f"{ORG}check-ins/<int:pk>/edit/", corrections.edit_checkin, name="checkin_edit"),
    path(f"{ORG}check-ins/<int:pk>/delete/", corrections.delete_checkin, name="checkin_delete"),
    path(f"{ORG}comments/<int:pk>/edit/", corrections.edit_comment, name="comment_edit"),
    path(f"{ORG}comments/<int:pk>/delete/", corrections.delete_comment, name="comment_delete"),
]
