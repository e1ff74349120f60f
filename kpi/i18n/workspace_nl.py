"""Nederlandse teksten over de eigen gegevens van een werkruimte: alles verwijderen, en wie
dat mag."""

NL = {
    "workspace.delete.ask": (
        "*Alle gegevens van deze werkruimte uit kpibot verwijderen?* Dit verwijdert "
        "{campaigns} campagnes met {rows} rijen dagcijfers en {costs} kostenposten, {targets} "
        "doelen met {alerts} meldingen, {subscriptions} digest-abonnementen, de instellingen "
        "van de werkruimte en de installatie van kpibot hier (de tokens). Dit kan niet "
        "ongedaan worden gemaakt."
    ),
    "workspace.delete.button": "Alle gegevens verwijderen",
    "workspace.delete.cancel": "Annuleren",
    "workspace.delete.cancelled": "Er is niets verwijderd.",
    "workspace.delete.done": (
        ":wastebasket: {user} heeft alle gegevens van deze werkruimte uit kpibot verwijderd: "
        "{campaigns} campagnes, {rows} rijen dagcijfers, {costs} kostenposten, {targets} "
        "doelen, {alerts} meldingen, {subscriptions} digest-abonnementen en de instellingen "
        "van de werkruimte."
    ),
    "workspace.delete.uninstalled": (
        "kpibot is uit deze werkruimte verwijderd en bewaart er geen token meer voor. "
        "Installeer het opnieuw om opnieuw te beginnen."
    ),
    "workspace.delete.not_admin": (
        "Alleen een beheerder of eigenaar van de werkruimte kan alle gegevens verwijderen."
    ),
    "workspace.delete.not_in_slack": (
        "Het verwijderen van de gegevens van een werkruimte bevestig je met een knop in "
        "Slack: typ daar `/kpi instellingen verwijder-gegevens` (alleen beheerders en "
        "eigenaren)."
    ),
    "example.delete_data": "/kpi instellingen verwijder-gegevens",
}
