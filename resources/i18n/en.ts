<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>RecordForm</name>
    <message numerus="yes">
        <location filename="../../desktop/gui/record_form.py" line="786"/>
        <source>Not saved yet: %n thing(s) to fix.</source>
        <translation>
            <numerusform>Not saved yet: %n thing to fix.</numerusform>
            <numerusform>Not saved yet: %n things to fix.</numerusform>
        </translation>
    </message>
</context>
</TS>
