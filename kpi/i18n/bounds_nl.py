"""Nederlandse teksten van de grenzen die elke invoer deelt (zie bounds_en.py)."""

NL: dict[str, str] = {
    "bounds.too_big": "{name} {value} is meer dan kpibot kan opslaan: hoogstens {max}.",
    "bounds.not_finite": "{name} moet een gewoon getal zijn, geen oneindig.",
    "bounds.too_long": "{name} is {length} tekens lang; er passen er hoogstens {max}.",
    "bounds.control": "{name} bevat een stuurteken (zoals NUL); typ het opnieuw zonder.",
    "bounds.day_range": "{value} valt buiten de datums die kpibot bewaart: {first} tot en met vandaag ({last}).",
    "bounds.line_too_long": "deze regel is {length} bytes lang; kpibot leest regels van hoogstens {max} bytes. Is dit echt een CSV-export?",
    "bounds.command_control": "Je opdracht bevat een stuurteken (zoals NUL). Typ hem opnieuw zonder.",
    "bounds.period_range": "“{text}” valt buiten de datums die kpibot bewaart: {first} tot en met vandaag ({last}).",
    "bounds.timezone_folder": "“{value}” is een regio, geen tijdzone: voeg de stad toe, zoals Europe/Amsterdam.",
    "import.error.no_rows": "het bestand heeft een kopregel maar geen rijen met gegevens: exporteer het opnieuw mét de rijen.",
    "action.stale": "Die knop is verouderd. Geef de opdracht opnieuw, bijvoorbeeld `/kpi doelen`.",
    "example.day": "`/kpi log campaign-x 2026-11-20 clicks=340` (een datum van 2000-01-01 tot en met vandaag)",
}
